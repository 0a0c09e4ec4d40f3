// The circuit breaker with the real agent and database: it opens after
// max_restart_failures failed procedures, skips (saying so once), survives an
// agent restart, lets one trial through after circuit_reset_time (a failed
// trial re-opens it), and closes on success.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent, type StartAgentOptions } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

describe.skipIf(mariadbSkipReason())('circuit breaker', () => {
  let db: TestDatabase;
  let dir: string;
  let sleeper: Sleeper;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('breaker');
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'brk');
  });
  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('opens, skips quietly, persists across agent restarts, trials after the reset time, closes on success', async () => {
    const healthyFlag = path.join(dir, 'healthy');
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (301, 1, 0, '')");
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (301, ?)', [sleeper.name]);
    const options: StartAgentOptions = {
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        monitor: { check_interval: 0.2, max_restart_failures: 2, circuit_reset_time: 3 },
        [`process.${sleeper.name}`]: {
          restart_strategy: 'process',
          start_command: sleeper.startCommand,
          // Unhealthy until the test creates the flag file.
          health_check_command: `pgrep -x %s && test -e ${healthyFlag}`,
          health_check_timeout: 1.5,
          max_attempts: 1,
          // The breaker's failure path is tested here; restart loops in test/agent/flapping.test.ts.
          flap_threshold: 0,
        },
      },
    };
    const first = startAgent(options);
    agents.push(first);
    await first.waitForLine(new RegExp(`WARNING - Circuit breaker opened for ${sleeper.name} after 2 failures`));
    await first.waitForLine(new RegExp(`WARNING - Circuit breaker open for ${sleeper.name}: restart skipped until`));
    // Several polls later, still one skip message and no new procedure.
    const begun = first.count(/Beginning restart procedure/);
    const polls = first.count(/Database check: 1 process/);
    await waitFor(() => first.count(/Database check: 1 process/), { what: '5 more polls', until: (n) => n >= polls + 5 });
    expect(first.count(/restart skipped until/)).toBe(1);
    expect(first.count(/Beginning restart procedure/)).toBe(begun);
    expect(await first.stop()).toBe(0);

    const [open] = await db.query<Array<{ state: string; failures: number }>>('SELECT state, failures FROM monitor_circuit_breaker WHERE process_id = 301');
    expect(open).toEqual({ state: 'open', failures: 2 });

    // A new agent sees the same open breaker (state is in the database): no restart before the reset time.
    const second = startAgent({ ...options, fileName: 'second.ini' });
    agents.push(second);
    await second.waitForLine(/Database check: 1 process/);
    // The trial comes only after circuit_reset_time; it fails (still unhealthy) and re-opens the breaker.
    await second.waitForLine(new RegExp(`Circuit breaker for ${sleeper.name}: reset time passed, allowing one trial restart`), 20_000);
    await second.waitForLine(new RegExp(`Circuit breaker opened for ${sleeper.name} after 3 failures`));
    const trialsBefore = second.count(/allowing one trial restart/);
    expect(trialsBefore).toBe(1);

    // Make it healthy: the next trial succeeds, the breaker closes and the alarm is cleared.
    writeFileSync(healthyFlag, 'ok');
    expect(existsSync(healthyFlag)).toBe(true);
    await second.waitForLine(new RegExp(`Circuit breaker closed for ${sleeper.name}`), 20_000);
    await second.waitForLine(new RegExp(`Alarm cleared for ${sleeper.name} \\(ID: 301\\)`));
    const [closed] = await db.query<Array<{ state: string; failures: number }>>('SELECT state, failures FROM monitor_circuit_breaker WHERE process_id = 301');
    expect(closed).toEqual({ state: 'closed', failures: 0 });

    const outcomes = await db.query<Array<{ outcome: string }>>('SELECT outcome FROM monitor_restart_history WHERE process_id = 301 ORDER BY id');
    expect(outcomes.map((o) => o.outcome)).toEqual(['failure', 'failure', 'skipped', 'failure', 'skipped', 'success']);
    await waitFor(() => sleeper.pids().length === 1, { what: 'the restarted process' });
  }, 60_000);
});
