import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/**
 * Rows of other agents left in_progress where nobody will ever come back: that
 * agent no longer holds an unexpired claim on the process, and the alarm is no
 * longer set (so no agent claims it again and closes the row on takeover). This
 * is what an agent killed between clearing the alarm and writing its outcome
 * left behind for ever. Selected first (a plain read takes no locks), then
 * closed by id with the same conditions, so a holder that is alive after all is
 * not touched; if it renews later, its own outcome overwrites this one.
 */
const ABANDONED = `h.outcome = 'in_progress' AND h.agent_id <> ?
  AND (c.process_id IS NULL OR c.holder <> h.agent_id OR c.lease_until < NOW(3))
  AND (s.process_id IS NULL OR s.alarma <> 1)`;

export async function closeAbandonedHistory(db: Database, agentId: string): Promise<number> {
  const candidates = await runQuery<Array<{ id: number }>>(
    db,
    `SELECT h.id FROM monitor_restart_history h
     LEFT JOIN monitor_claim c ON c.process_id = h.process_id
     LEFT JOIN STATUS_PROCESS s ON s.process_id = h.process_id
     WHERE ${ABANDONED}`,
    [agentId],
  );
  if (candidates.length === 0) return 0;
  const result = await runQuery<WriteResult>(
    db,
    `UPDATE monitor_restart_history h
     LEFT JOIN monitor_claim c ON c.process_id = h.process_id
     LEFT JOIN STATUS_PROCESS s ON s.process_id = h.process_id
     SET h.outcome = 'interrupted', h.finished_at = NOW(3),
         h.duration_ms = TIMESTAMPDIFF(MICROSECOND, h.started_at, NOW(3)) DIV 1000,
         h.reason = CONCAT('the agent stopped before this procedure finished (its claim expired) and the alarm is no longer set; closed by agent ', ?)
     WHERE h.id IN (?) AND ${ABANDONED}`,
    [agentId.slice(0, 255), candidates.map((row) => row.id), agentId],
  );
  return result.affectedRows;
}
