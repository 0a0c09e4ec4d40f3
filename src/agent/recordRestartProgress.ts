import { describeDbError } from '../db/describeDbError.js';
import { recordRestartIssued } from '../db/sql/restartProgress.js';
import type { AgentContext } from './AgentContext.js';

/**
 * The callback runRestartProcedure calls before each restart command: writes the
 * attempt and its time into the history row. One try, no retry (a restart waits
 * for it at most connect_timeout to connect plus as much for the query, never for
 * the database to come back); if the write fails, an agent taking over after
 * our death restarts the process again, as it did before this record existed.
 * `firstRecorded`: startHistory wrote attempt 1 with the row already.
 */
export function recordRestartProgress(ctx: AgentContext, historyId: number, name: string, firstRecorded: boolean): (attempt: number) => Promise<void> {
  return async (attempt) => {
    if (attempt === 1 && firstRecorded) return;
    try {
      await recordRestartIssued(ctx.db, historyId, attempt);
    } catch (error) {
      ctx.log.warning(`Restart of ${name} (attempt ${attempt}) not recorded in the history: ${describeDbError(error)}`);
    }
  };
}
