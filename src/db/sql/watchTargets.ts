import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** A PROCESE row of the name a watch is about, with its alarm and breaker as the database sees them now. */
export interface WatchTargetRow {
  process_id: number;
  /** 0 when PROCESE has the name but STATUS_PROCESS has no row for its id. */
  in_status: number;
  alarma: number | null;
  breaker_state: string | null;
  breaker_failures: number | null;
  breaker_opened_at: Date | null;
  breaker_skip_reported: number | null;
  db_now: Date;
}

/** Only when a watch detects a failure (rarely): PROCESE is small and not indexed by name. */
const SQL = `
SELECT p.process_id, s.process_id IS NOT NULL AS in_status, s.alarma,
       b.state AS breaker_state, b.failures AS breaker_failures,
       b.opened_at AS breaker_opened_at, b.skip_reported AS breaker_skip_reported,
       NOW(3) AS db_now
FROM PROCESE p
LEFT JOIN STATUS_PROCESS s ON s.process_id = p.process_id
LEFT JOIN monitor_circuit_breaker b ON b.process_id = p.process_id
WHERE p.process_name = ?
ORDER BY p.process_id`;

export function findWatchTargets(db: Database, name: string): Promise<WatchTargetRow[]> {
  return runQuery<WatchTargetRow[]>(db, SQL, [name]);
}
