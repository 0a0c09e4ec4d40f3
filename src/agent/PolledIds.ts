/**
 * Pure: the process ids one poll saw, and how many rows each has (more than one:
 * a PROCESE without a primary key). The poll comes ordered by process_id, so
 * this looks ids up in the rows themselves, without a Set of ten thousand
 * entries on every poll; rows in any other order get the Set.
 */
export class PolledIds {
  private readonly counts: Map<unknown, number> | undefined;

  constructor(private readonly rows: ReadonlyArray<{ readonly process_id: number }>) {
    this.counts = ascendingIntegers(rows) ? undefined : countIds(rows);
  }

  has(processId: number): boolean {
    return this.count(processId) > 0;
  }

  /** Rows of the poll with this id. */
  count(processId: number): number {
    if (this.counts) return this.counts.get(processId) ?? 0;
    let n = 0;
    for (let i = this.firstAtLeast(processId); i < this.rows.length && this.rows[i]!.process_id === processId; i += 1) n += 1;
    return n;
  }

  private firstAtLeast(processId: number): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.rows[middle]!.process_id < processId) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function ascendingIntegers(rows: ReadonlyArray<{ readonly process_id: unknown }>): boolean {
  let previous = -Infinity;
  for (const row of rows) {
    const id = row.process_id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < previous) return false;
    previous = id;
  }
  return true;
}

function countIds(rows: ReadonlyArray<{ readonly process_id: unknown }>): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const row of rows) counts.set(row.process_id, (counts.get(row.process_id) ?? 0) + 1);
  return counts;
}
