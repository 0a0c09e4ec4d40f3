import type { Line } from './log/LineSplitter.js';
import type { Observation } from './Watcher.js';

/** Characters of a matching line kept as evidence (the evidence is cut shorter still when shown). */
const KEPT_CHARS = 1000;

/**
 * The pattern rule of log and command watches (pure, clock injected): a line
 * that matches keeps the watch failing for `expirationMs` after it was read
 * (Mender's pattern expiration), and at least for the check that follows it.
 */
export class RecentMatch {
  private last: { at: number; text: string } | undefined;
  private sinceCheck = false;

  constructor(
    private readonly pattern: RegExp,
    private readonly expirationMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  offer(line: Line): void {
    if (!this.pattern.test(line.text)) return;
    this.last = { at: this.now(), text: line.text.slice(0, KEPT_CHARS) };
    this.sinceCheck = true;
  }

  /** The watch's state at a check; `where` says what the line came from ("in /var/log/x.log"). */
  observe(where: string): Observation {
    const fresh = this.sinceCheck;
    this.sinceCheck = false;
    const last = this.last;
    if (last === undefined || (!fresh && this.now() - last.at >= this.expirationMs)) return { failing: false };
    return { failing: true, evidence: `line ${where} matches /${this.pattern.source}/: ${last.text}` };
  }
}
