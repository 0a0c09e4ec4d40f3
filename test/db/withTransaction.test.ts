// withTransaction on a real database: the history row and its notification
// are committed together, or neither is; a missing outbox table undoes only
// its own INSERT (the history row stays).
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../src/db/Database.js';
import { recordDecision } from '../../src/db/sql/history.js';
import { queueNotification } from '../../src/db/sql/notificationOutbox.js';
import { withTransaction } from '../../src/db/withTransaction.js';
import type { Notification } from '../../src/notify/Notification.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { openAgentDatabase } from '../support/agentDatabase.js';

const notification: Notification = { kind: 'gave-up', processId: 7, processName: 'worker', what: 'w', tried: 't', why: 'y', next: 'n' };

describe.skipIf(mariadbSkipReason())('withTransaction', () => {
  let db: TestDatabase;
  let handle: Database;
  beforeAll(async () => {
    db = await createTestDatabase('tx');
    handle = openAgentDatabase(db);
  });
  afterAll(async () => {
    if (handle) await closeDatabase(handle);
    await db?.close();
  });

  const counts = async (processId: number) => {
    const history = await db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id = ?', [processId]);
    const outbox = await db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM monitor_notification WHERE process_id = ?', [processId]);
    return [Number(history[0]?.n), Number(outbox[0]?.n)];
  };

  it('commits the history row and its notification rows together', async () => {
    await withTransaction(handle, async (tx) => {
      await recordDecision(tx, 7, 'worker', 'agent-a', 'rejected', 'why');
      await queueNotification(tx, ['email', 'webhook'], notification, 'agent-a', 'host');
    });
    expect(await counts(7)).toEqual([1, 2]);
  });

  it('a failure after the history write leaves neither (the caller retries the whole)', async () => {
    await expect(
      withTransaction(handle, async (tx) => {
        await recordDecision(tx, 8, 'worker', 'agent-a', 'rejected', 'why');
        await queueNotification(tx, ['email'], { ...notification, processId: 8 }, 'agent-a', 'host');
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    expect(await counts(8)).toEqual([0, 0]);
  });

  it('a statement that fails inside (no outbox table) undoes only itself when the work goes on', async () => {
    await withTransaction(handle, async (tx) => {
      await recordDecision(tx, 9, 'worker', 'agent-a', 'rejected', 'why');
      await expect(tx.pool.getConnection().then((c) => c.query('SELECT * FROM monitor_no_such_table'))).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
    });
    expect((await counts(9))[0]).toBe(1);
  });
});
