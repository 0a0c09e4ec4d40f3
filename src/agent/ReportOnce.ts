/**
 * Pure: a 53-bit fingerprint of a problem key (cyrb53). Keys carry the rejected
 * name as the database gave it (up to 255 characters): with ten thousand rows in
 * alarm the keys themselves were megabytes; two numbers per process are not.
 */
export function keyFingerprint(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Remembers which problem was last reported for each process, so a problem
 * that persists across polls is logged once, not every check_interval; a new
 * problem, or the same one after it went away, is reported again. Kept as a
 * fingerprint of the key (keyFingerprint), compact for many rows.
 */
export class ReportOnce {
  private readonly reported = new Map<number, number>();

  /** True the first time this (process, problem) pair is seen. */
  shouldReport(processId: number, key: string): boolean {
    const fingerprint = keyFingerprint(key);
    if (this.reported.get(processId) === fingerprint) return false;
    this.reported.set(processId, fingerprint);
    return true;
  }

  /** Forget processes that are no longer in alarm. */
  keepOnly(processIds: { has(processId: number): boolean }): void {
    for (const id of this.reported.keys()) if (!processIds.has(id)) this.reported.delete(id);
  }

  forget(processId: number): void {
    this.reported.delete(processId);
  }
}
