/**
 * Remembers the times of the last `count` events and says whether they came in
 * a burst: all of them within `windowMs` of the newest. Helpers that only pay
 * off under load (the launch helper, the /proc scan worker) start on it, so a
 * lone restart never makes one appear.
 */
export class BurstDetector {
  private readonly recent: number[] = [];

  constructor(
    readonly count: number,
    readonly windowMs: number,
  ) {}

  /** Notes an event at `now` (ms, monotonic); true while events come in a burst. */
  note(now: number): boolean {
    this.recent.push(now);
    while (this.recent.length > this.count) this.recent.shift();
    const oldest = this.recent[0] ?? now;
    return this.recent.length >= this.count && now - oldest < this.windowMs;
  }
}
