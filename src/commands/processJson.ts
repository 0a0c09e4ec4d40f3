import type { ProcessRow } from '../db/sql/listProcesses.js';

/**
 * One process as `status --json` and `test-alarm list --json` print it. These
 * field names are a documented interface (README, man page): add fields, never
 * rename or remove one. Times are ISO 8601 in UTC; absent values are null.
 */
export interface ProcessJson {
  process_id: number;
  /** PROCESE.process_name; null when the process has no PROCESE row. */
  process_name: string | null;
  registered: boolean;
  /** The agent group monitor_process_host assigns it to; null = unassigned (agents with take_unassigned = yes). */
  host: string | null;
  /** STATUS_PROCESS.alarma; null when there is no STATUS_PROCESS row. */
  alarma: number | null;
  in_alarm: boolean;
  breaker: { state: string; failures: number; next_trial_at: string | null };
  last_restart: { started_at: string; outcome: string; attempts: number | null; reason: string | null } | null;
}

export const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

export function processJson(row: ProcessRow): ProcessJson {
  const alarma = row.in_status ? row.alarma : null;
  return {
    process_id: row.process_id,
    process_name: row.in_procese ? row.process_name : null,
    registered: Boolean(row.in_procese),
    host: row.assigned_host ?? null,
    alarma,
    in_alarm: alarma === 1,
    breaker: {
      state: row.breaker_state ?? 'closed',
      failures: row.breaker_failures ?? 0,
      next_trial_at: row.breaker_state === 'open' ? iso(row.breaker_next_trial_at) : null,
    },
    last_restart:
      row.last_started_at && row.last_outcome
        ? { started_at: iso(row.last_started_at)!, outcome: row.last_outcome, attempts: row.last_attempts, reason: row.last_reason }
        : null,
  };
}
