import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** detected: a [watch.NAME] saw the process fail (and raised its alarm, or says why not). */
export type Outcome = 'in_progress' | 'success' | 'failure' | 'skipped' | 'rejected' | 'interrupted' | 'detected';

export interface HistoryEnd {
  strategy: string | null;
  attempts: number;
  outcome: Outcome;
  reason: string;
}

const REASON_LIMIT = 1024;
const ER_BAD_FIELD_ERROR = 1054;
const clip = (text: string): string => (text.length > REASON_LIMIT ? `${text.slice(0, REASON_LIMIT - 1)}…` : text);

/** How a history row is opened (see startHistory). */
export interface HistoryStart {
  /** An earlier try failed: its INSERT may have landed all the same. */
  retry: boolean;
  /** The first restart command follows at once (nothing runs before it): recorded with the row. */
  restartsAtOnce: boolean;
}

/**
 * Opens the history row of a procedure (outcome in_progress) and returns its id.
 * A retry first closes a row of its own still in_progress for this process: the
 * earlier try's INSERT committed, the connection died before the answer came,
 * and the retry writes the row again. An agent runs one procedure per process at
 * a time, so that row is a leftover; a retried start leaves one open row. When
 * the restart follows at once, attempt 1 and its time are written with the row
 * (what recordRestartIssued would write a moment later, one statement fewer).
 */
export async function startHistory(
  db: Database,
  processId: number,
  name: string,
  agentId: string,
  strategy: string,
  how: HistoryStart,
): Promise<{ id: number; restartRecorded: boolean }> {
  if (how.retry) {
    await runQuery(
      db,
      `UPDATE monitor_restart_history
       SET outcome = 'interrupted', finished_at = NOW(3),
           reason = 'written twice: the database connection was lost as this row was stored; the procedure went on in a newer row'
       WHERE process_id = ? AND agent_id = ? AND outcome = 'in_progress'`,
      [processId, agentId],
    );
  }
  const values = [processId, name, agentId, strategy];
  if (how.restartsAtOnce) {
    const withRestart = await runQuery<WriteResult>(
      db,
      `INSERT INTO monitor_restart_history (process_id, process_name, agent_id, started_at, strategy, outcome, attempts, restarted_at)
       VALUES (?, ?, ?, NOW(3), ?, 'in_progress', 1, NOW(3))`,
      values,
    ).catch((error: { errno?: number }) => {
      // A table from before restarted_at (sql/setup.sql not run again since the upgrade): the plain row.
      if (error.errno === ER_BAD_FIELD_ERROR) return undefined;
      throw error;
    });
    if (withRestart) return { id: withRestart.insertId, restartRecorded: true };
  }
  const plain = await runQuery<WriteResult>(
    db,
    `INSERT INTO monitor_restart_history (process_id, process_name, agent_id, started_at, strategy, outcome)
     VALUES (?, ?, ?, NOW(3), ?, 'in_progress')`,
    values,
  );
  return { id: plain.insertId, restartRecorded: false };
}

export async function finishHistory(db: Database, id: number, end: HistoryEnd): Promise<void> {
  await runQuery(
    db,
    `UPDATE monitor_restart_history
     SET finished_at = NOW(3), strategy = ?, attempts = ?, outcome = ?, reason = ?,
         duration_ms = TIMESTAMPDIFF(MICROSECOND, started_at, NOW(3)) DIV 1000
     WHERE id = ?`,
    [end.strategy, end.attempts, end.outcome, clip(end.reason), id],
  );
}

/** A decision not to act (breaker open, bad name…): one finished row. */
export async function recordDecision(db: Database, processId: number, name: string | null, agentId: string, outcome: Outcome, reason: string): Promise<void> {
  await runQuery(
    db,
    `INSERT INTO monitor_restart_history (process_id, process_name, agent_id, started_at, finished_at, attempts, outcome, reason, duration_ms)
     VALUES (?, ?, ?, NOW(3), NOW(3), 0, ?, ?, 0)`,
    [processId, name === null ? null : clip(name).slice(0, 255), agentId, outcome, clip(reason)],
  );
}

/** After a crash: procedures this agent left in_progress did not finish. */
export async function markInterrupted(db: Database, agentId: string): Promise<number> {
  const result = await runQuery<WriteResult>(
    db,
    `UPDATE monitor_restart_history
     SET outcome = 'interrupted', finished_at = NOW(3),
         reason = 'the agent stopped before this procedure finished; the alarm was left for a new procedure'
     WHERE agent_id = ? AND outcome = 'in_progress'`,
    [agentId],
  );
  return result.affectedRows;
}

/**
 * We now hold the claim on this process: a procedure another agent left
 * in_progress lost its lease (that agent crashed or lost the database for
 * longer than claim_lease). Says so; if that agent is alive after all, its own
 * finishHistory overwrites this with what really happened.
 */
export async function markTakenOver(db: Database, processId: number, agentId: string): Promise<number> {
  const result = await runQuery<WriteResult>(
    db,
    `UPDATE monitor_restart_history
     SET outcome = 'interrupted', finished_at = NOW(3),
         reason = CONCAT('claim lease expired; the procedure was taken over by agent ', ?)
     WHERE process_id = ? AND agent_id <> ? AND outcome = 'in_progress'`,
    [agentId.slice(0, 255), processId, agentId],
  );
  return result.affectedRows;
}

/** After a write of the outcome whose COMMIT outcome is unknown: true if the row is no longer in_progress (it landed). */
export async function historyFinished(db: Database, id: number): Promise<true | undefined> {
  const rows = await runQuery<Array<{ done: number }>>(db, "SELECT 1 AS done FROM monitor_restart_history WHERE id = ? AND outcome <> 'in_progress'", [id]);
  return rows.length > 0 ? true : undefined;
}
