import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

export interface HistoryRow {
  id: number;
  process_id: number;
  agent_id: string;
  started_at: Date;
  finished_at: Date | null;
  strategy: string | null;
  attempts: number;
  outcome: string;
  reason: string | null;
}

/**
 * The newest `limit` history rows of one process, newest first, optionally
 * only those after history id `afterId`. One indexed range per process
 * (process_id, id): no window functions, so MySQL 5.7 works too.
 */
export function recentHistory(db: Database, processId: number, limit: number, afterId = 0): Promise<HistoryRow[]> {
  return runQuery<HistoryRow[]>(
    db,
    `SELECT id, process_id, agent_id, started_at, finished_at, strategy, attempts, outcome, reason
     FROM monitor_restart_history
     WHERE process_id = ? AND id > ?
     ORDER BY id DESC
     LIMIT ?`,
    [processId, afterId, limit],
  );
}
