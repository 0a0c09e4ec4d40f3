import type { AlarmKey } from '../db/sql/pollAlarms.js';
import type { PolledIds } from './PolledIds.js';

export interface ReadRules {
  /** A procedure holds this process: it is judged again when the procedure is over. */
  inFlight(processId: number): boolean;
  /** The row is as it was when judged a problem (reported already). */
  unchanged(key: AlarmKey): boolean;
}

/**
 * Pure: the processes whose rows the poll must read in full and judge, in the
 * order polled. An id polled more than once (a PROCESE without a primary key)
 * is always read: whether its names disagree needs the names. Its rows come
 * next to each other (the poll's ORDER BY) and it is listed once; were they
 * apart, it would be listed twice, and read twice: harmless (said once, one procedure).
 */
export function alarmsToRead(keys: readonly AlarmKey[], polled: PolledIds, rules: ReadRules): number[] {
  const ids: number[] = [];
  let previous: number | undefined;
  for (const key of keys) {
    const id = key.process_id;
    if (id === previous) continue; // its first row decided
    previous = id;
    if (polled.count(id) > 1 || (!rules.inFlight(id) && !rules.unchanged(key))) ids.push(id);
  }
  return ids;
}
