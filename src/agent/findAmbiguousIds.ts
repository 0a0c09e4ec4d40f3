import type { AlarmRow } from '../db/sql/pollAlarms.js';

/**
 * Process ids whose poll rows disagree on the name. Only a legacy PROCESE
 * without a primary key allows this; which process is meant is then
 * unknowable, so the agent must not guess. Returns id → the names seen.
 */
export function findAmbiguousIds(rows: readonly AlarmRow[]): Map<number, string[]> {
  const names = new Map<number, Set<string>>();
  for (const row of rows) {
    if (row.registered_id === null) continue;
    const seen = names.get(row.process_id) ?? new Set<string>();
    seen.add(String(row.process_name));
    names.set(row.process_id, seen);
  }
  const ambiguous = new Map<number, string[]>();
  for (const [id, seen] of names) if (seen.size > 1) ambiguous.set(id, [...seen]);
  return ambiguous;
}
