// stable_time end to end (supervisord's startsecs): the built agent restarts a real
// process that starts, passes the health check, and exits about a second later; with
// stable_time = 3 the attempt fails with "started but died after N s". A process that
// stays up passes, and only once stable_time is over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmOf, historyOf, registerProcess } from '../support/faultKit.js';
import { runAgentToEnd, writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe.skipIf(mariadbSkipReason())('stable_time', () => {
  let db: TestDatabase;
  let dir: string;
  const sleepers: Sleeper[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('stable_time');
    dir = await makeTempDir('monitor-stable-');
  });
  afterAll(async () => {
    for (const s of sleepers) await s.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  function configFor(sleeper: Sleeper, seconds: number, fileName: string): string {
    return writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName,
      sections: {
        [`process.${sleeper.name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: `exec ${sleeper.binary} ${seconds}`,
          stable_time: 3,
          max_attempts: 2,
        },
      },
    });
  }

  it('fails an attempt whose process passes the health check, then exits after about 1 s', async () => {
    const sleeper = makeSleeper(dir, 'brief');
    sleepers.push(sleeper);
    await registerProcess(db, 301, sleeper.name, 1);
    const run = await runAgentToEnd(configFor(sleeper, 1, 'brief.ini'));

    expect(run.code).toBe(1);
    const died = run.output.split('\n').filter((line) => line.includes(`ERROR - RESTART LOG: ${sleeper.name} did not stay up: started but died after`));
    expect(died).toHaveLength(2);
    // The health check passed first (the process was there), then stopped passing.
    for (const line of died)
      expect(line).toMatch(/died after (\d+\.\d) s: the health check passed, then failed within stable_time \(3 s\): no running process whose name matches/);
    const afterSeconds = died.map((line) => Number(/died after (\d+\.\d) s/.exec(line)?.[1]));
    for (const n of afterSeconds) {
      expect(n).toBeGreaterThanOrEqual(0.7);
      expect(n).toBeLessThan(2.5);
    }
    expect(run.output).not.toContain(`Successfully restarted and verified service: ${sleeper.name}`);
    expect(await alarmOf(db, 301)).toBe(1);
    const [history] = await historyOf(db, 301);
    expect(history).toMatchObject({ outcome: 'failure', attempts: 2 });
    expect(history?.reason).toMatch(/^attempt 2: started but died after \d+\.\d s: /);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 301');
  });

  it('passes a process that stays up, once stable_time is over', async () => {
    const sleeper = makeSleeper(dir, 'steady');
    sleepers.push(sleeper);
    await registerProcess(db, 302, sleeper.name, 1);
    const run = await runAgentToEnd(configFor(sleeper, 600, 'steady.ini'));

    expect(run.code).toBe(0);
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${sleeper.name}`);
    expect(run.output).not.toContain('did not stay up');
    expect(await alarmOf(db, 302)).toBe(0);
    const [history] = await historyOf(db, 302);
    expect(history).toMatchObject({ outcome: 'success', attempts: 1 });
    expect(history?.reason).toMatch(/health check passed \(run \d+\); kept passing for stable_time \(3 s, \d+ re-check\(s\)\)$/);
    expect(sleeper.pids()).toHaveLength(1);
  });
});
