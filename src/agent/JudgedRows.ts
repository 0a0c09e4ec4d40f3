import type { RowIdentity } from '../db/sql/pollAlarms.js';

/**
 * Remembers, for each process whose row was judged a problem (classifyAlarm),
 * what that judgement was made on: while the row stays the same it need not be
 * read in full again (its problem was reported once already). A change of
 * alarma, of the PROCESE row or of the name makes it be read and judged anew.
 */
export class JudgedRows {
  private readonly judged = new Map<number, RowIdentity>();

  /** The row of `processId` was judged a problem as it is in `row`. */
  remember(processId: number, row: RowIdentity): void {
    // Only the two values: the row itself holds the name (up to 255 characters).
    this.judged.set(processId, { alarma: row.alarma, name_hash: row.name_hash });
  }

  /** True when the row is as it was when judged a problem. */
  unchanged(processId: number, row: RowIdentity): boolean {
    const judged = this.judged.get(processId);
    return judged !== undefined && judged.alarma === row.alarma && judged.name_hash === row.name_hash;
  }

  forget(processId: number): void {
    this.judged.delete(processId);
  }

  /** Forget processes that are no longer in alarm. */
  keepOnly(processIds: { has(processId: number): boolean }): void {
    for (const id of this.judged.keys()) if (!processIds.has(id)) this.judged.delete(id);
  }
}
