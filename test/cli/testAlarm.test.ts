// test-alarm's non-interactive commands against a real database, as subprocesses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { CLI, runCli, type CliResult } from './runCli.js';

const PASSWORD = 'Pw-test-alarm-7f3c9e';

describe.skipIf(mariadbSkipReason())('test-alarm commands', () => {
  let db: TestDatabase;
  let dir: string;
  let config: string;
  const outputs: CliResult[] = [];
  const testAlarm = async (...args: string[]): Promise<CliResult> => {
    const result = await runCli(CLI.testAlarm, ['--config', config, ...args]);
    outputs.push(result);
    return result;
  };
  const alarms = async (): Promise<Record<number, number>> => {
    const rows = await db.query<Array<{ process_id: number; alarma: number }>>('SELECT process_id, alarma FROM STATUS_PROCESS');
    return Object.fromEntries(rows.map((row) => [row.process_id, row.alarma]));
  };

  beforeAll(async () => {
    db = await createTestDatabase('test_alarm_cli');
    dir = await makeTempDir('test-alarm-');
    // A user with a real password, so "never printed" means something.
    const user = db.name.slice(0, 32);
    await db.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY '${PASSWORD}'`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.* TO '${user}'@'localhost'`);
    config = writeAgentConfig({ dir, socket: db.socket, database: db.name, sections: { database: { user, password: PASSWORD } } });
    // One row only in STATUS_PROCESS, one only in PROCESE.
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (60, 0, 1, 'unnamed row')");
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (70, 'statusless')");
  });
  afterAll(async () => {
    await db?.query(`DROP USER IF EXISTS '${db.name.slice(0, 32)}'@'localhost'`).catch(() => undefined);
    await db?.close();
    await removeTempDir(dir);
  });

  it('list shows the sample processes and marks rows missing from one table', async () => {
    const result = await testAlarm('list');
    expect(result.exitCode).toBe(0);
    for (const name of ['apache2', 'mysqld', 'postfix', 'sshd', 'crond']) expect(result.stdout).toContain(name);
    expect(result.stdout).toMatch(/^60\s+\(no PROCESE row\)/m);
    expect(result.stdout).toMatch(/^70\s+statusless\s.*\(no STATUS_PROCESS row\)/m);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('set by id and by name sets alarma only, leaving notes and sound alone', async () => {
    expect((await testAlarm('set', '2')).exitCode).toBe(0);
    const byName = await testAlarm('set', 'sshd');
    expect(byName.exitCode).toBe(0);
    expect(byName.stdout).toContain('Process 4 sshd is in alarm');
    expect(await alarms()).toMatchObject({ 1: 0, 2: 1, 3: 0, 4: 1, 5: 0 });
    const [sshd] = await db.query<Array<{ sound: number; notes: string }>>('SELECT sound, notes FROM STATUS_PROCESS WHERE process_id = 4');
    expect(sshd).toEqual({ sound: 0, notes: 'SSH server' });
  });

  it('assign puts a process on a host (list and --json show it); an empty host unassigns it', async () => {
    const assigned = await testAlarm('assign', 'postfix', 'mail1');
    expect(assigned.exitCode).toBe(0);
    expect(assigned.stdout).toContain('Process 3 postfix is assigned to host mail1');
    const rows = await db.query<Array<{ host: string }>>('SELECT host FROM monitor_process_host WHERE process_id = 3');
    expect(rows).toEqual([{ host: 'mail1' }]);
    expect((await testAlarm('list')).stdout).toMatch(/^3\s+postfix\s+mail1\s/m);
    expect((await testAlarm('list')).stdout).toMatch(/^1\s+apache2\s+\(any\)\s/m);
    const json = JSON.parse((await testAlarm('list', '--json')).stdout) as Array<{ process_id: number; host: string | null }>;
    expect(json.find((row) => row.process_id === 3)?.host).toBe('mail1');
    expect(json.find((row) => row.process_id === 1)?.host).toBeNull();
    expect((await testAlarm('assign', '3', '')).stdout).toContain('Process 3 postfix is unassigned');
    expect(await db.query('SELECT host FROM monitor_process_host WHERE process_id = 3')).toEqual([]);
    const unknown = await testAlarm('assign', 'nosuchname', 'mail1');
    expect(unknown.exitCode).toBe(1);
  });

  it('an unknown process exits 1 with a clear message and changes nothing', async () => {
    const before = await alarms();
    const result = await testAlarm('set', 'no_such_process');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('no process with id or name "no_such_process"');
    const statusless = await testAlarm('set', 'statusless');
    expect(statusless.exitCode).toBe(1);
    expect(statusless.stderr).toContain('no STATUS_PROCESS row');
    expect(await alarms()).toEqual(before);
  });

  it('set-all sets every registered process; reset-all clears them all', async () => {
    const setAll = await testAlarm('set-all');
    expect(setAll.exitCode).toBe(0);
    expect(setAll.stdout).toContain('All 5 registered process(es) are in alarm');
    expect(await alarms()).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 60: 0 });

    const reset = await testAlarm('reset-all');
    expect(reset.exitCode).toBe(0);
    expect(reset.stdout).toContain('5 alarm(s) reset');
    expect(await alarms()).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 60: 0 });
  });

  it('the menu reads answers piped in ahead of its prompts', async () => {
    const result = await runCli(CLI.testAlarm, ['--config', config], { input: '2\npostfix\n1\n4\n5\n' });
    outputs.push(result);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Process 3 postfix is in alarm');
    expect(result.stdout).toMatch(/^3\s+postfix\s+\(any\)\s+ALARM\s/m);
    expect(result.stdout).toContain('1 alarm(s) reset');
    expect((await alarms())[3]).toBe(0);
  });

  it('usage errors exit 2', async () => {
    expect((await testAlarm('set')).exitCode).toBe(2);
    expect((await testAlarm('frobnicate')).exitCode).toBe(2);
  });

  it('a bad configuration exits 78 with the message', async () => {
    const broken = writeAgentConfig({ dir, socket: db.socket, database: db.name, fileName: 'broken.ini', sections: { monitor: { check_interval: 'soon' } } });
    const result = await runCli(CLI.testAlarm, ['--config', broken, 'list']);
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toContain('[monitor] check_interval = "soon"');
    const missing = await runCli(CLI.testAlarm, ['list'], { env: { MONITOR_SERVICE_CONFIG: `${dir}/absent.ini` } });
    expect(missing.exitCode).toBe(78);
    expect(missing.stderr).toContain(`${dir}/absent.ini`);
  });

  it('a database it cannot use is one line naming socket and database, exit 1', async () => {
    const wrong = writeAgentConfig({
      dir,
      socket: `${dir}/no.sock`,
      database: db.name,
      fileName: 'wrong.ini',
      sections: { database: { user: 'nobody', password: PASSWORD } },
    });
    const result = await testAlarm('--config', wrong, 'list');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`database ${db.name} on socket ${dir}/no.sock`);

    const denied = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'denied.ini',
      sections: { database: { user: 'nobody', password: PASSWORD } },
    });
    const refused = await testAlarm('--config', denied, 'set', 'apache2');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/Access denied/);
  });

  it('never prints the password', () => {
    expect(outputs.length).toBeGreaterThan(8);
    for (const result of outputs) expect(result.all).not.toContain(PASSWORD);
  });
});
