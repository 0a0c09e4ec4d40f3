import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/**
 * Written just before a restart command is issued: which attempt, and when. An
 * agent that takes this procedure over after our death then knows the process
 * was restarted already (see src/agent/takeOver.ts). Written before, not after:
 * dying in between makes the taker check health (and find it down, and restart)
 * rather than restart a process we may have restarted already.
 */
export async function recordRestartIssued(db: Database, historyId: number, attempt: number): Promise<void> {
  await runQuery(db, "UPDATE monitor_restart_history SET attempts = ?, restarted_at = NOW(3) WHERE id = ? AND outcome = 'in_progress'", [attempt, historyId]);
}
