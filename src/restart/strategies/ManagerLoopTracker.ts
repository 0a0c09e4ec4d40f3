/**
 * Follows the processes a service manager reports after our restart command,
 * for the loops a manager hides: svstat says "up" and supervisorctl RUNNING
 * again and again, each time for a new process. The first process judged
 * healthy is the instance; a different one later means it died and the manager
 * started it again. Those restarts make the attempt fail (stable_time) and
 * count toward flapping. Pure state, reset by each restart command.
 */
export class ManagerLoopTracker {
  private healthyPid: number | undefined;
  private readonly seen = new Set<number>();
  private backoffs = 0;
  private inBackoff = false;

  /** Our restart command is being sent: what the manager does next is counted from here. */
  reset(): void {
    this.healthyPid = undefined;
    this.seen.clear();
    this.backoffs = 0;
    this.inBackoff = false;
  }

  /** A process the manager reports running (not the one from before the restart). */
  sawProcess(pid: number): void {
    this.seen.add(pid);
    this.inBackoff = false;
  }

  /** supervisord says BACKOFF: it is restarting the program by itself (counted once per spell). */
  sawBackoff(): void {
    if (!this.inBackoff) this.backoffs += 1;
    this.inBackoff = true;
  }

  healthy(pid: number): void {
    this.healthyPid ??= pid;
  }

  /** Why `pid` is not the instance that passed the health check, if it is not. */
  replacedBy(pid: number, manager: string): string | undefined {
    if (this.healthyPid === undefined || pid === this.healthyPid) return undefined;
    return `PID ${this.healthyPid} exited and ${manager} started PID ${pid}: ${this.describeLoop()}`;
  }

  /** Restarts the manager made by itself since our restart command. */
  restarts(): number {
    return Math.max(0, this.seen.size - 1) + this.backoffs;
  }

  /** "3 processes seen since the restart: it keeps exiting" (the polls see a lower bound). */
  describeLoop(): string {
    return `${this.seen.size} processes seen since the restart: it keeps exiting`;
  }
}
