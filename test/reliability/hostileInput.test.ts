// Hostile and broken rows in PROCESE / STATUS_PROCESS: the built agent polls them many
// times against a real MariaDB, runs nothing for them, stays alive, and reports and records
// each one exactly once. A well-formed alarm alongside proves the revealing commands do run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

/** Polls the agent must survive after the last first report, to show "once" means once. */
const EXTRA_POLLS = 10;

interface Hostile {
  id: number;
  /** undefined = no PROCESE row written by the generic insert. */
  name: string | null;
  alarma?: number;
}

/** Commands that leave a trace if they ever run, for any process. */
function revealingCommands(dir: string): Record<string, string | number> {
  const trace = path.join(dir, 'executed.log');
  return {
    restart_strategy: 'process',
    process_launcher: 'detach',
    pre_restart_command: `echo pre %s >> ${trace}`,
    start_command: `echo start %s >> ${trace}`,
    health_check_command: `echo health %s >> ${trace}`,
    health_check_timeout: 2,
    max_attempts: 1,
  };
}

function executedLines(dir: string): string[] {
  const trace = path.join(dir, 'executed.log');
  return existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [];
}

function logFileText(dir: string): string {
  return readFileSync(path.join(dir, 'log', 'monitor_service.log'), 'utf8');
}

const checks = /Database check: \d+ process\(es\) in alarm/;

describe.skipIf(mariadbSkipReason())('hostile input from the database', () => {
  let dir: string;
  let agent: RunningAgent | undefined;
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('monitor-hostile-');
  });
  afterEach(async () => {
    await agent?.stop('SIGKILL');
    agent = undefined;
  });
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.close()));
    await removeTempDir(dir);
  });

  async function database(prefix: string): Promise<TestDatabase> {
    const db = await createTestDatabase(prefix);
    databases.push(db);
    await db.query('DELETE FROM PROCESE');
    await db.query('DELETE FROM STATUS_PROCESS');
    return db;
  }

  /** Waits for `polls` more poll cycles (DEBUG "Database check" lines) than seen now. */
  async function waitPolls(running: RunningAgent, polls: number): Promise<void> {
    const target = running.count(checks) + polls;
    await waitFor(() => running.count(checks) >= target, { what: `${polls} more polls`, timeoutMs: 20_000 });
  }

  async function historyByProcess(db: TestDatabase): Promise<Map<number, string[]>> {
    const rows = await db.query<RowDataPacket[]>('SELECT process_id, outcome FROM monitor_restart_history ORDER BY id');
    const byId = new Map<number, string[]>();
    for (const row of rows) byId.set(Number(row.process_id), [...(byId.get(Number(row.process_id)) ?? []), String(row.outcome)]);
    return byId;
  }

  it('runs nothing for hostile names and odd alarma values, reports and records each once', async () => {
    const caseDir = await makeTempDir('monitor-hostile-names-');
    const db = await database('hostile_names');
    const pwned = path.join(caseDir, 'pwned');
    const hostile: Hostile[] = [
      { id: 101, name: `x; touch ${pwned}` },
      { id: 102, name: `$(touch ${pwned}2)` },
      { id: 103, name: `\`touch ${pwned}3\`` },
      { id: 104, name: `it's "quoted"` },
      { id: 105, name: `line1\ntouch ${pwned}4` },
      { id: 106, name: '-9' },
      { id: 107, name: '--help' },
      { id: 108, name: '../../bin/sh' },
      { id: 109, name: 'nul\0byte' },
      { id: 110, name: 'nginx\u202Egnp.exe' },
      { id: 111, name: 'café' },
      { id: 112, name: '' },
      { id: 113, name: ' ' },
      { id: 114, name: `a|touch ${pwned}5` },
      { id: 115, name: `a&&touch ${pwned}6` },
      { id: 116, name: `a>${pwned}7` },
      { id: 117, name: '*' },
      // Well-formed names, but alarma is not 1: not an alarm to act on.
      { id: 121, name: 'alarma_two', alarma: 2 },
      { id: 122, name: 'alarma_minus_one', alarma: -1 },
      { id: 123, name: 'alarma_127', alarma: 127 },
      // In alarm, but not registered in PROCESE.
      { id: 131, name: null },
    ];
    for (const h of hostile) {
      await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, ?, 0, ?)', [h.id, h.alarma ?? 1, `case ${h.id}`]);
      if (h.name !== null) await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [h.id, h.name]);
    }
    // The NUL byte really is in the database (not cut by the driver).
    const [nul] = await db.query<RowDataPacket[]>('SELECT LENGTH(process_name) AS n FROM PROCESE WHERE process_id = 109');
    expect(Number(nul?.n)).toBe('nul\0byte'.length);
    // A well-formed alarm in the same table: the same commands do run for it.
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (200, 1, 0, 'control')");
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (200, 'control_proc')");

    agent = startAgent({
      dir: caseDir,
      socket: db.socket,
      database: db.name,
      sections: { 'process.default': revealingCommands(caseDir) },
    });
    await agent.waitForLine(/Alarm cleared for control_proc \(ID: 200\)/);
    await waitFor(() => hostile.every((h) => agent!.lines.some((l) => l.includes(`Process ID ${h.id} `))), {
      what: 'a report for every hostile row',
    });
    await waitPolls(agent, EXTRA_POLLS);

    // Nothing ran for any hostile row; the control ran pre, start and health once each.
    for (const suffix of ['', '2', '3', '4', '5', '6', '7']) expect(existsSync(`${pwned}${suffix}`), `pwned${suffix}`).toBe(false);
    expect(executedLines(caseDir).sort()).toEqual(['health control_proc', 'pre control_proc', 'start control_proc']);

    // Alive, and each row reported exactly once in stdout and in the log file.
    expect(agent.child.exitCode).toBeNull();
    const fileText = logFileText(caseDir);
    for (const h of hostile) {
      const marker = new RegExp(`Process ID ${h.id} (has|is in alarm)`);
      expect(agent.count(marker), `stdout reports of ${h.id}`).toBe(1);
      expect(
        fileText.split('\n').filter((line) => marker.test(line)),
        `log file reports of ${h.id}`,
      ).toHaveLength(1);
    }
    // Every report is one line, with the name escaped (the newline name stays on its line).
    expect(fileText).toMatch(/Process ID 105 has a name that will not be used: "line1\\ntouch /);
    expect(fileText).toMatch(/Process ID 109 has a name that will not be used: "nul\\u0000byte"/);
    expect(fileText).toMatch(/Process ID 121 has alarma = 2; only 1 means alarm/);
    expect(fileText).toMatch(/Process ID 122 has alarma = -1;/);
    expect(fileText).toMatch(/Process ID 123 has alarma = 127;/);
    for (const line of fileText.split('\n').filter(Boolean)) expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - (DEBUG|INFO|WARNING|ERROR) - /);

    // Recorded once each, as 'rejected'; the rows themselves are untouched.
    const history = await historyByProcess(db);
    for (const h of hostile) expect(history.get(h.id), `history of ${h.id}`).toEqual(['rejected']);
    expect(history.get(200)).toEqual(['success']);
    const alarms = await db.query<RowDataPacket[]>('SELECT process_id, alarma, notes FROM STATUS_PROCESS WHERE process_id <> 200 ORDER BY process_id');
    for (const row of alarms) {
      const h = hostile.find((x) => x.id === Number(row.process_id));
      expect(Number(row.alarma)).toBe(h?.alarma ?? 1);
      expect(row.notes).toBe(`case ${row.process_id}`);
    }

    expect(await agent.stop()).toBe(0);
    await removeTempDir(caseDir);
  });

  it('legacy schema: NULL and 10 KB names, duplicated ids without a primary key', async () => {
    const caseDir = await makeTempDir('monitor-hostile-legacy-');
    const db = await database('hostile_legacy');
    // Older installations created these tables by hand: process_name nullable and wide,
    // STATUS_PROCESS without a primary key (so an id can appear twice).
    await db.query('ALTER TABLE PROCESE MODIFY process_name TEXT NULL');
    await db.query('ALTER TABLE PROCESE DROP PRIMARY KEY');
    await db.query('ALTER TABLE STATUS_PROCESS DROP PRIMARY KEY');

    const longName = `${'a'.repeat(10 * 1024 - 6)};touch ${path.join(caseDir, 'pwned')}`.slice(0, 10 * 1024);
    const rows: Array<[number, number]> = [
      [301, 1],
      [302, 1],
      // Two STATUS_PROCESS rows for 303 (a well-formed name), two for 304 (a hostile one).
      [303, 1],
      [303, 1],
      [304, 1],
      [304, 1],
      // 305: one alarm, but two PROCESE rows naming two different processes.
      [305, 1],
    ];
    for (const [id, alarma] of rows) await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound) VALUES (?, ?, 0)', [id, alarma]);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (301, NULL), (302, ?), (303, ?), (304, ?), (305, ?), (305, ?)', [
      longName,
      'dup_status',
      `$(touch ${path.join(caseDir, 'pwned2')})`,
      'dup_name_a',
      'dup_name_b',
    ]);

    agent = startAgent({
      dir: caseDir,
      socket: db.socket,
      database: db.name,
      sections: { 'process.default': revealingCommands(caseDir) },
    });
    await waitFor(() => [301, 302, 304].every((id) => agent!.lines.some((l) => l.includes(`Process ID ${id} `))), {
      what: 'a report for every legacy row',
    });
    await waitPolls(agent, EXTRA_POLLS);

    expect(agent.child.exitCode).toBeNull();
    expect(existsSync(path.join(caseDir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(caseDir, 'pwned2'))).toBe(false);
    expect(agent.count(/Process ID 301 has a name that will not be used: NULL \(no name \(NULL\)\)/)).toBe(1);
    expect(agent.count(/Process ID 302 has a name that will not be used: "a{80}…" \(10240 characters\) \(longer than 100 characters\)/)).toBe(1);
    expect(agent.count(/Process ID 304 has a name/)).toBe(1);
    // No log line carries the 10 KB name.
    expect(
      Math.max(
        ...logFileText(caseDir)
          .split('\n')
          .map((l) => l.length),
      ),
    ).toBeLessThan(2000);

    const history = await historyByProcess(db);
    expect(history.get(301)).toEqual(['rejected']);
    expect(history.get(302)).toEqual(['rejected']);
    expect(history.get(304)).toEqual(['rejected']);

    // A duplicated id never starts two procedures: at most one procedure for 303 and
    // for 305, and never one per duplicate row.
    const begins303 = agent.count(/Beginning restart procedure for dup_status /);
    expect(begins303).toBeLessThanOrEqual(1);
    const starts = executedLines(caseDir).filter((l) => l.startsWith('start '));
    expect(starts.filter((l) => l === 'start dup_status').length).toBeLessThanOrEqual(1);
    expect(starts.filter((l) => l.startsWith('start dup_name_')).length).toBeLessThanOrEqual(1);
    expect((history.get(303) ?? []).length).toBe(1);
    expect((history.get(305) ?? []).length).toBe(1);

    expect(await agent.stop()).toBe(0);
    await removeTempDir(caseDir);
  });
});
