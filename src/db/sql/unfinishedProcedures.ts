import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

const ER_BAD_FIELD_ERROR = 1054;

export interface UnfinishedProcedure {
  id: number;
  agentId: string;
  attempts: number;
  /** When its latest restart command was issued (database clock), or null if none was. */
  restartedAt: Date | null;
}

/**
 * Procedures of other agents on this process still in_progress. Read once we hold
 * the claim: their holder lost it (lease expired), so these are not running any more
 * (or their agent lost the database for longer than claim_lease).
 */
export async function findUnfinished(db: Database, processId: number, agentId: string): Promise<UnfinishedProcedure[]> {
  const select = (restartedAt: string) =>
    runQuery<Array<{ id: number; agent_id: string; attempts: number; restarted_at: Date | null }>>(
      db,
      `SELECT id, agent_id, attempts, ${restartedAt} AS restarted_at FROM monitor_restart_history
       WHERE process_id = ? AND agent_id <> ? AND outcome = 'in_progress' ORDER BY id`,
      [processId, agentId],
    );
  // A database whose sql/setup.sql was not run again since the upgrade lacks the
  // column: then nothing is known of earlier restarts (the old behaviour), rather
  // than a takeover retried for ever on "Unknown column".
  const rows = await select('restarted_at').catch((error: { errno?: number }) => {
    if (error.errno === ER_BAD_FIELD_ERROR) return select('NULL');
    throw error;
  });
  return rows.map((row) => ({ id: Number(row.id), agentId: String(row.agent_id), attempts: Number(row.attempts), restartedAt: row.restarted_at }));
}
