import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/**
 * One process as the test tools and `monitor_service status` show it: its
 * STATUS_PROCESS and PROCESE rows (either may be missing), its breaker, and
 * its newest history row.
 */
export interface ProcessRow {
  process_id: number;
  /** 0 when PROCESE has a row but STATUS_PROCESS has none. */
  in_status: number;
  /** 0 when STATUS_PROCESS has a row but PROCESE has none. */
  in_procese: number;
  process_name: string | null;
  /** The agent group monitor_process_host assigns it to; NULL = unassigned. */
  assigned_host: string | null;
  alarma: number | null;
  sound: number | null;
  notes: string | null;
  breaker_state: string | null;
  breaker_failures: number | null;
  breaker_opened_at: Date | null;
  /** opened_at + circuit_reset_time, on the database's clock. */
  breaker_next_trial_at: Date | null;
  last_started_at: Date | null;
  last_outcome: string | null;
  last_attempts: number | null;
  last_reason: string | null;
  db_now: Date;
}

// Both registries are read through the union of their ids, so a row present in
// only one of them still shows (MySQL has no FULL OUTER JOIN). The newest
// history row comes from MAX(id) per process: a loose scan of (process_id, id).
const sql = (placement: string) => `
SELECT ids.process_id,
       s.process_id IS NOT NULL AS in_status, p.process_id IS NOT NULL AS in_procese,
       p.process_name, ${placement === '' ? 'NULL' : 'ph.host'} AS assigned_host, s.alarma, s.sound, s.notes,
       b.state AS breaker_state, b.failures AS breaker_failures, b.opened_at AS breaker_opened_at,
       b.opened_at + INTERVAL ? SECOND AS breaker_next_trial_at,
       h.started_at AS last_started_at, h.outcome AS last_outcome, h.attempts AS last_attempts,
       h.reason AS last_reason,
       NOW(3) AS db_now
FROM (SELECT process_id FROM STATUS_PROCESS UNION SELECT process_id FROM PROCESE) ids
LEFT JOIN STATUS_PROCESS s ON s.process_id = ids.process_id
LEFT JOIN PROCESE p ON p.process_id = ids.process_id
${placement}LEFT JOIN monitor_circuit_breaker b ON b.process_id = ids.process_id
LEFT JOIN (SELECT process_id, MAX(id) AS id FROM monitor_restart_history GROUP BY process_id) newest
       ON newest.process_id = ids.process_id
LEFT JOIN monitor_restart_history h ON h.id = newest.id
ORDER BY ids.process_id`;

const PLACEMENT_JOIN = 'LEFT JOIN monitor_process_host ph ON ph.process_id = ids.process_id\n';

export function listProcesses(db: Database, circuitResetSeconds: number): Promise<ProcessRow[]> {
  // Without monitor_process_host (sql/setup.sql not re-run since the upgrade) every process is unassigned.
  return runQuery<ProcessRow[]>(db, sql(PLACEMENT_JOIN), [circuitResetSeconds]).catch((error: { code?: string }) => {
    if (error.code === 'ER_NO_SUCH_TABLE') return runQuery<ProcessRow[]>(db, sql(''), [circuitResetSeconds]);
    throw error;
  });
}
