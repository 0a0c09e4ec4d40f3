import type { ProcessRow } from '../db/sql/listProcesses.js';

/** Rows on the status screen without --all: it stays one screen with 10,000 processes. */
export const STATUS_ROWS_SHOWN = 20;

/** Needs a look: in alarm (any value but 0), or a breaker that is not closed. */
export function needsAttention(row: ProcessRow): boolean {
  return (row.in_status && row.alarma !== 0 && row.alarma !== null) || (row.breaker_state !== null && row.breaker_state !== 'closed');
}

/**
 * Pure: the processes to show, those needing attention first (then by id),
 * and how many are left out.
 */
export function selectShown(rows: readonly ProcessRow[], limit: number | undefined): { shown: ProcessRow[]; hidden: number } {
  if (limit === undefined || rows.length <= limit) return { shown: [...rows], hidden: 0 };
  const ordered = [...rows.filter(needsAttention), ...rows.filter((row) => !needsAttention(row))];
  const shown = ordered.slice(0, limit).sort((a, b) => a.process_id - b.process_id);
  return { shown, hidden: rows.length - shown.length };
}
