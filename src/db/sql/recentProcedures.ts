import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/**
 * How many of the process's last `limit` restart procedures (successful,
 * failed, or the one in progress) started within `windowSeconds`, on the
 * database's clock. Reads at most `limit` rows of (process_id, id), however
 * long the history.
 */
export async function countRecentProcedures(db: Database, processId: number, limit: number, windowSeconds: number): Promise<number> {
  const rows = await runQuery<Array<{ n: number | string }>>(
    db,
    `SELECT COUNT(*) AS n FROM (
       SELECT started_at FROM monitor_restart_history
       WHERE process_id = ? AND outcome IN ('success', 'failure', 'in_progress')
       ORDER BY id DESC LIMIT ?
     ) latest
     WHERE latest.started_at >= NOW(3) - INTERVAL ? SECOND`,
    [processId, limit, windowSeconds],
  );
  return Number(rows[0]?.n ?? 0);
}
