/**
 * Remembers which problem was last reported for each process, so a problem
 * that persists across polls is logged once, not every check_interval; a new
 * problem, or the same one after it went away, is reported again.
 */
export class ReportOnce {
  private readonly reported = new Map<number, string>();

  /** True the first time this (process, problem) pair is seen. */
  shouldReport(processId: number, key: string): boolean {
    if (this.reported.get(processId) === key) return false;
    this.reported.set(processId, key);
    return true;
  }

  /** Forget processes that are no longer in alarm. */
  keepOnly(processIds: ReadonlySet<number>): void {
    for (const id of this.reported.keys()) if (!processIds.has(id)) this.reported.delete(id);
  }

  forget(processId: number): void {
    this.reported.delete(processId);
  }
}
