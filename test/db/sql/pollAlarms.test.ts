// The poll on a real database: the small per-poll rows carry a hash of the name computed
// by the server (the name itself only when a row is read in full), and it must tell apart
// every change that can turn a rejected row into another judgement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../../src/db/Database.js';
import { pollAlarms, READ_ALARM_ROWS_SQL, readAlarmRows } from '../../../src/db/sql/pollAlarms.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { openAgentDatabase } from '../../support/agentDatabase.js';

const HERE = { agentGroup: 'here', takeUnassigned: true };

describe.skipIf(mariadbSkipReason())('pollAlarms and readAlarmRows', () => {
  let db: TestDatabase;
  let handle: Database;
  beforeAll(async () => {
    db = await createTestDatabase('poll_alarms');
    handle = openAgentDatabase(db);
    // A legacy PROCESE may allow a NULL name.
    await db.query('ALTER TABLE PROCESE MODIFY process_name VARCHAR(255) NULL');
    await db.query(
      "INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (31, 1, 0, ''), (32, 1, 0, ''), (33, 1, 0, ''), (34, 2, 0, ''), (35, 1, 0, ''), (36, 0, 0, ''), (37, 1, 0, '')",
    );
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (31, 'a;b'), (33, NULL), (34, ''), (35, 'a;b'), (36, 'a;b'), (37, 'a;b')");
    await db.query("INSERT INTO monitor_process_host (process_id, host) VALUES (37, 'elsewhere')");
    await db.query(
      "INSERT INTO monitor_circuit_breaker (process_id, state, failures, opened_at, updated_at) VALUES (31, 'open', 3, NOW(3), NOW(3)), (33, 'closed', 0, NULL, NOW(3))",
    );
  });
  afterAll(async () => {
    if (handle) await closeDatabase(handle);
    await db?.close();
  });

  const hashes = async () => new Map((await pollAlarms(handle, HERE)).rows.map((row) => [row.process_id, row.name_hash]));

  it('polls this agent’s alarms with a hash per name: the same name alike, no row, a NULL name and an empty one apart', async () => {
    const { rows, placementTableMissing } = await pollAlarms(handle, HERE);
    expect(placementTableMissing).toBe(false);
    expect(rows.map((row) => [row.process_id, row.alarma])).toEqual([
      [31, 1],
      [32, 1],
      [33, 1],
      [34, 2],
      [35, 1],
    ]);
    expect(rows.every((row) => !('process_name' in row))).toBe(true);
    expect(rows.map((row) => row.breaker_open)).toEqual([1, 0, 0, 0, 0]);
    const hash = new Map(rows.map((row) => [row.process_id, row.name_hash]));
    expect(hash.get(32)).toBeNull();
    for (const id of [31, 33, 34]) expect(Number.isSafeInteger(hash.get(id)), `process ${id}`).toBe(true);
    expect(hash.get(35)).toBe(hash.get(31));
    expect(new Set([hash.get(31), hash.get(33), hash.get(34)]).size).toBe(3);
  });

  it('gives a renamed process another hash, and its old name the old one back', async () => {
    const before = (await hashes()).get(31);
    await db.query("UPDATE PROCESE SET process_name = 'a;c' WHERE process_id = 31");
    const renamed = (await hashes()).get(31);
    await db.query("UPDATE PROCESE SET process_name = 'a;b' WHERE process_id = 31");
    expect(renamed).not.toBe(before);
    expect((await hashes()).get(31)).toBe(before);
  });

  it('reads in full only the ids asked for that are still this agent’s alarms, with the same hash', async () => {
    const polled = await hashes();
    const rows = await readAlarmRows(handle, HERE, [31, 32, 36, 37]);
    expect(rows.map((row) => [row.process_id, row.registered_id, row.process_name])).toEqual([
      [31, 31, 'a;b'],
      [32, null, null],
    ]);
    for (const row of rows) expect(row.name_hash).toBe(polled.get(row.process_id));
    expect(rows[0]?.db_now).toBeInstanceOf(Date);
    expect(await readAlarmRows(handle, HERE, [])).toEqual([]);
  });

  it('reads those rows by primary key, whatever the number of processes or alarms', async () => {
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) SELECT 1000 + seq, seq % 2, 0, '' FROM seq_1_to_5000");
    await db.query("INSERT INTO PROCESE (process_id, process_name) SELECT 1000 + seq, CONCAT('p', seq) FROM seq_1_to_5000");
    await db.query('ANALYZE TABLE STATUS_PROCESS, PROCESE');
    const plan = await db.query<Array<{ table: string; type: string; key: string | null; rows: number }>>(`EXPLAIN ${READ_ALARM_ROWS_SQL}`, [
      'here',
      1,
      [1001, 1003, 4001],
    ]);
    const byTable = Object.fromEntries(plan.map((row) => [row.table, row]));
    expect(byTable.s).toMatchObject({ type: 'range', key: 'PRIMARY' });
    expect(Number(byTable.s?.rows)).toBeLessThanOrEqual(3);
    for (const table of ['h', 'p', 'b']) expect(byTable[table], table).toMatchObject({ type: 'eq_ref', key: 'PRIMARY' });
  });
});
