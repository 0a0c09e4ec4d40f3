/**
 * Remembers the times of the last `count` events and says whether they came in
 * a burst: all of them within `windowMs` of the newest. Helpers that only pay
 * off under load (the launch helper, the /proc scan worker) start on it, so a
 * lone restart never makes one appear.
 */
export class BurstDetector {
  private readonly recent: number[] = [];

  /** By default a burst is four events within a second: what the launch helper and the scan worker both start on. */
  constructor(
    readonly count = 4,
    readonly windowMs = 1_000,
  ) {}

  /** Notes an event at `now` (ms, monotonic); true while events come in a burst. */
  note(now: number): boolean {
    this.recent.push(now);
    while (this.recent.length > this.count) this.recent.shift();
    const oldest = this.recent[0] ?? now;
    return this.recent.length >= this.count && now - oldest < this.windowMs;
  }
}
