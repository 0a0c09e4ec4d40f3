// Proves the test harness with the real parts it drives: a private MariaDB server,
// sql/setup.sql, and a private systemd user manager.
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createTestDatabase,
  destroyPrivateMariadb,
  loadSetupSql,
  mariadbSkipReason,
  restartMariadb,
  startPrivateMariadb,
  type MariadbServer,
  type TestDatabase,
} from './mariadb.js';
import { isGone } from './processes.js';
import { startUserManager, systemdUserSkipReason } from './systemdUser.js';
import { waitFor } from './waitFor.js';

const AGENT_AND_GUIDE_TABLES = ['PROCESE', 'STATUS_PROCESS', 'monitor_restart_history', 'monitor_circuit_breaker', 'monitor_claim', 'monitor_agent'];

describe('waitFor', () => {
  it('resolves with the first value that satisfies the condition', async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls, { until: (n) => n >= 3, intervalMs: 1 })).resolves.toBe(3);
  });

  it('names what it awaited and the last value when it times out', async () => {
    const probe = () => ({ state: 'activating' });
    const options = { what: 'the unit', until: (unit: { state: string }) => unit.state === 'active', timeoutMs: 50 };
    await expect(waitFor(probe, options)).rejects.toThrow(/Timed out after 50 ms waiting for the unit; last value: \{ state: 'activating' \}/);
  });
});

describe.skipIf(mariadbSkipReason())('MariaDB harness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('harness');
  });
  afterAll(() => db?.close());

  it('reaches the shared server through its socket', async () => {
    const [row] = await db.query<RowDataPacket[]>('SELECT VERSION() AS version, DATABASE() AS name');
    expect(row?.version).toMatch(/MariaDB/);
    expect(row?.name).toBe(db.name);
    expect(db.socket).toBe(inject('mariadbSocket'));
    expect(process.env.MONITOR_TEST_MARIADB_SOCKET).toBe(db.socket);
  });

  it('loads sql/setup.sql twice without losing anything', async () => {
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (100, 1, 0, ?)', ['operator text']);
    await db.query("INSERT INTO monitor_claim (process_id, holder, lease_until) VALUES (100, 'agent-a', NOW(3))");

    await loadSetupSql(db.name, db.socket);

    const [status] = await db.query<RowDataPacket[]>('SELECT alarma, notes FROM STATUS_PROCESS WHERE process_id = 100');
    expect(status).toEqual({ alarma: 1, notes: 'operator text' });
    expect(await count(db, 'SELECT COUNT(*) AS n FROM monitor_claim WHERE holder = ?', ['agent-a'])).toBe(1);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM PROCESE')).toBe(5);

    const tables = await db.query<Array<{ name: string }>>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?', [db.name]);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(AGENT_AND_GUIDE_TABLES));
    const indexRows = await count(
      db,
      `SELECT COUNT(*) AS n FROM information_schema.statistics
       WHERE table_schema = ? AND table_name = 'STATUS_PROCESS' AND index_name = 'idx_status_process_alarma'`,
      [db.name],
    );
    expect(indexRows).toBe(1);
  });

  it("accepts the user guide's registration SQL as printed (STATUS_PROCESS first)", async () => {
    const fresh = await createTestDatabase('guide');
    try {
      await fresh.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (6, 0, 0, 'New process');");
      const inserted = await fresh.query<ResultSetHeader>("INSERT INTO PROCESE (process_id, process_name) VALUES (6, 'new_process_name');");
      expect(inserted.affectedRows).toBe(1);
      const [row] = await fresh.query<RowDataPacket[]>(
        'SELECT p.process_name, s.alarma FROM STATUS_PROCESS s JOIN PROCESE p USING (process_id) WHERE process_id = 6',
      );
      expect(row).toEqual({ process_name: 'new_process_name', alarma: 0 });
    } finally {
      await fresh.close();
    }
  });

  it('answers the poll for alarms from the alarma index', async () => {
    // The optimizer scans a 5-row table whatever the indexes; give it a realistic one.
    await db.query('INSERT IGNORE INTO STATUS_PROCESS (process_id, alarma) SELECT seq, 0 FROM seq_1000_to_4999');
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (1000, 2000)');
    await db.query('ANALYZE TABLE STATUS_PROCESS');
    const [plan] = await db.query<RowDataPacket[]>('EXPLAIN SELECT process_id FROM STATUS_PROCESS WHERE alarma <> 0');
    expect(plan?.key).toBe('idx_status_process_alarma');
  });
});

describe.skipIf(mariadbSkipReason())('MariaDB crash and restart (private server)', () => {
  let server: MariadbServer;
  beforeAll(async () => {
    server = await startPrivateMariadb();
  });
  afterAll(() => server && destroyPrivateMariadb(server));

  it('keeps committed rows across kill -9 and restart, and the same handle keeps working', async () => {
    const db = await createTestDatabase('crash', { server });
    try {
      await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 3');
      await restartMariadb({ server, signal: 'SIGKILL' });
      expect(await count(db, 'SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE alarma = 1')).toBe(1);
      await restartMariadb({ server, signal: 'SIGTERM' });
      expect(await count(db, 'SELECT COUNT(*) AS n FROM STATUS_PROCESS')).toBe(5);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(systemdUserSkipReason())('systemd user manager harness', () => {
  it('starts and restarts a unit, and stop() leaves no process behind', async () => {
    const manager = await startUserManager();
    let pids: number[];
    try {
      await manager.writeUnit('harness-sleep.service', '[Service]\nExecStart=/bin/sleep 1000\n');
      expect((await manager.systemctl('start', 'harness-sleep.service')).exitCode).toBe(0);
      const firstPid = await manager.mainPid('harness-sleep.service');
      expect(firstPid).toBeGreaterThan(0);

      expect((await manager.systemctl('restart', 'harness-sleep.service')).exitCode).toBe(0);
      const secondPid = await manager.mainPid('harness-sleep.service');
      expect(secondPid).toBeGreaterThan(0);
      expect(secondPid).not.toBe(firstPid);
      expect((await manager.systemctl('is-active', 'harness-sleep.service')).stdout.trim()).toBe('active');
      pids = [firstPid, secondPid, manager.pid];
    } finally {
      await manager.stop();
    }
    for (const pid of pids) expect(await isGone(pid), `pid ${pid} still running`).toBe(true);
  });
});

async function count(db: TestDatabase, sql: string, params?: unknown[]): Promise<number> {
  const [row] = await db.query<RowDataPacket[]>(sql, params);
  return Number(row?.n);
}
