// startHistory on a real database: a start retried after its INSERT committed (the answer
// lost with the connection) must not leave the first row in_progress for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../../src/db/Database.js';
import { startHistory } from '../../../src/db/sql/history.js';
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

  const rowsOf = (processId: number) =>
    db.query<HistoryRow[]>('SELECT id, agent_id, outcome, reason FROM monitor_restart_history WHERE process_id = ? ORDER BY id', [processId]);

  it('a second start of the same agent and process closes the first as written twice', async () => {
    const first = await startHistory(handle, 7, 'worker', 'agent-a', 'process');
    const second = await startHistory(handle, 7, 'worker', 'agent-a', 'process');
    const rows = await rowsOf(7);
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([
      [first, 'interrupted'],
      [second, 'in_progress'],
    ]);
    expect(String(rows[0]!.reason)).toMatch(/^written twice: /);
  });

  it("leaves other agents' and other processes' open rows alone (their own procedures)", async () => {
    await startHistory(handle, 8, 'worker', 'agent-b', 'process');
    await startHistory(handle, 9, 'other', 'agent-a', 'process');
    await startHistory(handle, 8, 'worker', 'agent-a', 'process');
    expect((await rowsOf(8)).map((r) => [r.agent_id, r.outcome])).toEqual([
      ['agent-b', 'in_progress'],
      ['agent-a', 'in_progress'],
    ]);
    expect((await rowsOf(9)).map((r) => r.outcome)).toEqual(['in_progress']);
  });
});
