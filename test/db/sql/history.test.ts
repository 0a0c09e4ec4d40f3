// startHistory on a real database: a start retried after its INSERT committed (the answer
// lost with the connection) must not leave the first row in_progress for ever; a restart
// that follows at once is recorded with the row, also on a table from before restarted_at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../../src/db/Database.js';
import { startHistory, type HistoryStart } from '../../../src/db/sql/history.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { openAgentDatabase } from '../../support/agentDatabase.js';

/** The monitor_restart_history columns these tests read. */
interface HistoryRow {
  id: number;
  agent_id: string;
  outcome: string;
  reason: string | null;
}

describe.skipIf(mariadbSkipReason())('startHistory', () => {
  let db: TestDatabase;
  let handle: Database;
  beforeAll(async () => {
    db = await createTestDatabase('history');
    handle = openAgentDatabase(db);
  });
  afterAll(async () => {
    if (handle) await closeDatabase(handle);
    await db?.close();
  });

  const first: HistoryStart = { retry: false, restartsAtOnce: false };
  const retried: HistoryStart = { retry: true, restartsAtOnce: false };
  const rowsOf = (processId: number) =>
    db.query<HistoryRow[]>('SELECT id, agent_id, outcome, reason FROM monitor_restart_history WHERE process_id = ? ORDER BY id', [processId]);

  it('a retried start of the same agent and process closes the first as written twice', async () => {
    const { id: written } = await startHistory(handle, 7, 'worker', 'agent-a', 'process', first);
    const { id: rewritten } = await startHistory(handle, 7, 'worker', 'agent-a', 'process', retried);
    const rows = await rowsOf(7);
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([
      [written, 'interrupted'],
      [rewritten, 'in_progress'],
    ]);
    expect(String(rows[0]!.reason)).toMatch(/^written twice: /);
  });

  it("a retry leaves other agents' and other processes' open rows alone (their own procedures)", async () => {
    await startHistory(handle, 8, 'worker', 'agent-b', 'process', first);
    await startHistory(handle, 9, 'other', 'agent-a', 'process', first);
    await startHistory(handle, 8, 'worker', 'agent-a', 'process', retried);
    expect((await rowsOf(8)).map((r) => [r.agent_id, r.outcome])).toEqual([
      ['agent-b', 'in_progress'],
      ['agent-a', 'in_progress'],
    ]);
    expect((await rowsOf(9)).map((r) => r.outcome)).toEqual(['in_progress']);
  });

  const progressOf = async (id: number) =>
    (
      await db.query<Array<{ attempts: number; restarted: number }>>(
        'SELECT attempts, restarted_at IS NOT NULL AS restarted FROM monitor_restart_history WHERE id = ?',
        [id],
      )
    )[0];

  it('records attempt 1 with the row when the restart follows at once, and nothing before it otherwise', async () => {
    const atOnce = await startHistory(handle, 10, 'worker', 'agent-a', 'process', { retry: false, restartsAtOnce: true });
    expect(atOnce.restartRecorded).toBe(true);
    expect(await progressOf(atOnce.id)).toEqual({ attempts: 1, restarted: 1 });
    const later = await startHistory(handle, 11, 'worker', 'agent-a', 'process', first);
    expect(later.restartRecorded).toBe(false);
    expect(await progressOf(later.id)).toEqual({ attempts: 0, restarted: 0 });
  });

  it('opens the row on a table from before restarted_at (setup.sql not run again), saying the restart is not recorded with it', async () => {
    const old = await createTestDatabase('history_old');
    const oldHandle = openAgentDatabase(old);
    try {
      await old.query('ALTER TABLE monitor_restart_history DROP COLUMN restarted_at');
      const opened = await startHistory(oldHandle, 12, 'worker', 'agent-a', 'process', { retry: false, restartsAtOnce: true });
      expect(opened.restartRecorded).toBe(false);
      const rows = await old.query<Array<{ outcome: string }>>('SELECT outcome FROM monitor_restart_history WHERE id = ?', [opened.id]);
      expect(rows.map((r) => r.outcome)).toEqual(['in_progress']);
    } finally {
      await closeDatabase(oldHandle);
      await old.close();
    }
  });
});
