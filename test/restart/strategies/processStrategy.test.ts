// The process strategy end to end: the real agent kills a running process,
// starts it again from start_command, verifies it, clears the alarm, and the
// new process outlives the agent.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, writeAgentConfig } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

describe.skipIf(mariadbSkipReason())('process strategy', () => {
  let db: TestDatabase;
  let dir: string;
  const sleepers: Sleeper[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('process_strategy');
    dir = await makeTempDir();
  });
  afterAll(async () => {
    for (const s of sleepers) await s.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  async function register(id: number, name: string): Promise<void> {
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, 1, 0, ?)', [id, 'operator note']);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, name]);
  }

  it('kills the running instance, starts a new one that survives the agent, clears the alarm', async () => {
    const sleeper = makeSleeper(dir, 'proc');
    sleepers.push(sleeper);
    const old = spawn(sleeper.binary, ['600'], { detached: true, stdio: 'ignore' });
    old.unref();
    await waitFor(() => sleeper.pids().includes(old.pid ?? -1), { what: 'the original instance to run' });
    await register(101, sleeper.name);

    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      sections: { [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand, stop_timeout: 2 } },
    });
    const run = await runAgentToEnd(config, ['--once']);

    expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${sleeper.name} (strategy: process)`);
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${sleeper.name}`);
    expect(run.code).toBe(0);
    // The agent has exited; the restarted process must still be there, and it is a new one.
    const now = sleeper.pids();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old.pid);

    const [status] = await db.query<Array<{ alarma: number; notes: string }>>('SELECT alarma, notes FROM STATUS_PROCESS WHERE process_id = 101');
    expect(status).toEqual({ alarma: 0, notes: 'operator note' });
    const history = await db.query<Array<{ outcome: string; strategy: string; attempts: number }>>(
      'SELECT outcome, strategy, attempts FROM monitor_restart_history WHERE process_id = 101',
    );
    expect(history).toEqual([{ outcome: 'success', strategy: 'process', attempts: 1 }]);
  });

  it('keeps the alarm after max_attempts failed health checks, and says so', async () => {
    const sleeper = makeSleeper(dir, 'unhl');
    sleepers.push(sleeper);
    await register(102, sleeper.name);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'unhealthy.ini',
      sections: {
        [`process.${sleeper.name}`]: {
          restart_strategy: 'process',
          start_command: sleeper.startCommand,
          health_check_command: 'test -e /nonexistent/healthy-%s',
          health_check_timeout: 0.5,
          max_attempts: 3,
          restart_delay: 0.1,
        },
      },
    });
    const run = await runAgentToEnd(config, ['--once']);

    expect(run.code).toBe(1);
    const attempts = run.output.split('\n').filter((l) => l.includes(`RESTART LOG: Attempt`) && l.includes(sleeper.name));
    expect(attempts).toHaveLength(3);
    expect(run.output).toContain(`ERROR - RESTART LOG: Service restart command succeeded but health check failed for: ${sleeper.name}`);
    const [status] = await db.query<Array<{ alarma: number }>>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = 102');
    expect(status?.alarma).toBe(1);
    const [history] = await db.query<Array<{ outcome: string; attempts: number; reason: string }>>(
      'SELECT outcome, attempts, reason FROM monitor_restart_history WHERE process_id = 102',
    );
    expect(history?.outcome).toBe('failure');
    expect(history?.attempts).toBe(3);
    expect(history?.reason).toMatch(/health check .* did not pass within 0.5s/);
    await sleeper.killAll();
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 102');
  });

  it('abandons the procedure when pre_restart_command fails, and logs its output', async () => {
    const sleeper = makeSleeper(dir, 'prer');
    sleepers.push(sleeper);
    await register(103, sleeper.name);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'pre.ini',
      sections: {
        [`process.${sleeper.name}`]: {
          restart_strategy: 'process',
          start_command: sleeper.startCommand,
          pre_restart_command: 'echo "config test failed for %s"; exit 3',
        },
      },
    });
    const run = await runAgentToEnd(config, ['--once']);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(
      new RegExp(`Pre-restart command failed for ${sleeper.name}, restart abandoned: exit status 3; output: config test failed for '${sleeper.name}'`),
    );
    expect(sleeper.pids()).toHaveLength(0);
    const [history] = await db.query<Array<{ outcome: string; attempts: number }>>(
      'SELECT outcome, attempts FROM monitor_restart_history WHERE process_id = 103',
    );
    expect(history).toEqual({ outcome: 'failure', attempts: 0 });
  });
  // No fixed wait after the launch: the health check runs at once, and a start command that
  // fails while it runs — even well after the launch — fails the attempt there and then,
  // as a failed restart command, not after health_check_timeout as a failed health check.
  it.each([
    { id: 104, prefix: 'stfl', start: 'exit 4', status: 4 },
    { id: 105, prefix: 'stlt', start: 'sleep 0.4; exit 3', status: 3 },
  ])('a start command that exits $status while the health check waits fails the attempt ($start)', async ({ id, prefix, start, status }) => {
    const sleeper = makeSleeper(dir, prefix);
    sleepers.push(sleeper);
    await register(id, sleeper.name);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: `${prefix}.ini`,
      sections: { [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: start, health_check_timeout: 60, max_attempts: 1 } },
    });
    const run = await runAgentToEnd(config, ['--once']);

    expect(run.code).toBe(1);
    const reason = `start command failed: exit status ${status} (before the health check passed)`;
    expect(run.output).toContain(`ERROR - RESTART LOG: Restart command failed for ${sleeper.name}: ${reason}`);
    expect(run.output).not.toContain('health check failed');
    const [history] = await db.query<Array<{ outcome: string; reason: string }>>('SELECT outcome, reason FROM monitor_restart_history WHERE process_id = ?', [
      id,
    ]);
    expect(history).toEqual({ outcome: 'failure', reason: `attempt 1: ${reason}` });
  });
});
