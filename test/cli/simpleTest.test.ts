// simple-test as the guide's simple_test.sh, and with --wait against a real
// running agent that restarts a real process (PASS) or no agent at all (FAIL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, writeAgentConfig, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { CLI, runCli } from './runCli.js';

const PROCESS_ID = 90;

describe.skipIf(mariadbSkipReason())('simple-test', () => {
  let db: TestDatabase;
  let dir: string;
  let config: string;
  let sleeper: Sleeper;
  let agent: RunningAgent | undefined;
  const alarmOf = async (id: number): Promise<number | undefined> =>
    (await db.query<Array<{ alarma: number }>>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [id]))[0]?.alarma;

  beforeAll(async () => {
    db = await createTestDatabase('simple_test');
    dir = await makeTempDir('simple-test-');
    sleeper = makeSleeper(dir, 'smpl');
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, 0, 0, NULL)', [PROCESS_ID]);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [PROCESS_ID, sleeper.name]);
    config = writeAgentConfig({ dir, socket: db.socket, database: db.name });
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('sets apache2 in alarm, verifies it and tells how to finish the test', async () => {
    const result = await runCli(CLI.simpleTest, ['--config', config]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('verified: STATUS_PROCESS.alarma = 1 for apache2 (ID 1)');
    expect(result.stdout).toContain('run the monitor service');
    expect(result.stdout).toContain('check the logs');
    expect(result.stdout).toContain('"Found process in alarm: apache2 (ID: 1)"');
    expect(await alarmOf(1)).toBe(1);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 1');
  });

  it('an unknown process exits 1; a bad --wait exits 2', async () => {
    const unknown = await runCli(CLI.simpleTest, ['--config', config, 'no_such_thing']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('no process with id or name "no_such_thing"');
    expect((await runCli(CLI.simpleTest, ['--config', config, '--wait', 'soon'])).exitCode).toBe(2);
  });

  it('--wait without a running agent reports FAIL within the wait, exit 1', async () => {
    const started = Date.now();
    const result = await runCli(CLI.simpleTest, ['--config', config, sleeper.name, '--wait', '1.5']);
    expect(result.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stdout).toContain(`FAIL: the alarm of ${sleeper.name} (ID ${PROCESS_ID}) is still set`);
    expect(result.stdout).toContain('is monitor_service running?');
    expect(await alarmOf(PROCESS_ID)).toBe(1);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = ?', [PROCESS_ID]);
  });

  it('--wait with a running agent that restarts the process reports PASS, exit 0', async () => {
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'agent.ini',
      sections: { [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand } },
    });
    await agent.waitForLine(/Database check: 0 process/);

    const result = await runCli(CLI.simpleTest, ['--config', config, sleeper.name, '--wait', '30'], { timeoutMs: 45_000 });
    expect(result.exitCode, `${result.all}\nagent:\n${agent.output()}`).toBe(0);
    expect(result.stdout).toContain(`PASS: the alarm of ${sleeper.name} (ID ${PROCESS_ID}) was cleared`);
    expect(result.stdout).toMatch(/restart: success after 1 attempt\(s\)/);
    expect(await alarmOf(PROCESS_ID)).toBe(0);
    expect(sleeper.pids()).toHaveLength(1);
  });
});
