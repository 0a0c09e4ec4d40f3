import type { BreakerState } from '../../breaker/circuitBreaker.js';
import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** Stores a process's breaker; opened_at = NOW() when it (re)opens, on the database's clock. */
export async function saveBreaker(db: Database, processId: number, state: BreakerState, openedNow: boolean): Promise<void> {
  await runQuery(
    db,
    `INSERT INTO monitor_circuit_breaker (process_id, state, failures, opened_at, skip_reported, updated_at)
     VALUES (?, ?, ?, IF(?, NOW(3), ?), ?, NOW(3))
     ON DUPLICATE KEY UPDATE state = VALUES(state), failures = VALUES(failures),
       opened_at = VALUES(opened_at), skip_reported = VALUES(skip_reported), updated_at = NOW(3)`,
    [processId, state.state, state.failures, openedNow ? 1 : 0, state.openedAt, state.skipReported ? 1 : 0],
  );
}
