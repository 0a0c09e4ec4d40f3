/**
 * Configuration warnings, a bounded number of each kind. A file of 10,000
 * unknown keys must not become 10,000 log lines: the first few are named,
 * the rest counted ("… and 9,990 more unknown keys").
 */
export const WARNINGS_PER_KIND = 10;

export class WarningList {
  private readonly shown: string[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly perKind = WARNINGS_PER_KIND) {}

  /** `kind` is plural and names the repeated thing: "unknown keys". */
  add(kind: string, text: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= this.perKind) this.shown.push(text);
  }

  toArray(): string[] {
    const summaries = [...this.counts]
      .filter(([, count]) => count > this.perKind)
      .map(([kind, count]) => `… and ${(count - this.perKind).toLocaleString('en-US')} more ${kind}`);
    return [...this.shown, ...summaries];
  }
}
