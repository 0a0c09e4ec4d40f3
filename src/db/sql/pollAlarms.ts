import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** One row of the poll: an alarm, its registration and its breaker, as the database sees them now. */
export interface AlarmRow {
  process_id: number;
  alarma: number;
  /** NULL when STATUS_PROCESS has the alarm but PROCESE has no row. */
  registered_id: number | null;
  process_name: unknown;
  breaker_state: string | null;
  breaker_failures: number | null;
  breaker_opened_at: Date | null;
  breaker_skip_reported: number | null;
  db_now: Date;
}

/**
 * The poll: one indexed query per check_interval. `alarma <> 0` reads the
 * alarma index (range scan), so the cost follows the alarms, not the registry;
 * values other than 1 come back too, so they can be reported.
 */
const SQL = `
SELECT s.process_id, s.alarma, p.process_id AS registered_id, p.process_name,
       b.state AS breaker_state, b.failures AS breaker_failures,
       b.opened_at AS breaker_opened_at, b.skip_reported AS breaker_skip_reported,
       NOW(3) AS db_now
FROM STATUS_PROCESS s
LEFT JOIN PROCESE p ON p.process_id = s.process_id
LEFT JOIN monitor_circuit_breaker b ON b.process_id = s.process_id
WHERE s.alarma <> 0
ORDER BY s.process_id`;

export function pollAlarms(db: Database): Promise<AlarmRow[]> {
  return runQuery<AlarmRow[]>(db, SQL);
}
