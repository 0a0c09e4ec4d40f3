// A restart loop: a process that is restarted successfully but keeps dying
// soon after. flap_threshold procedures within flap_window open the breaker
// ("flapping"), even though every restart succeeded; the next alarm waits.
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, historyOf, makeSleeper, registerProcess, setAlarm, waitForCleared, type Sleeper } from '../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('flapping', () => {
  let db: TestDatabase;
  let dir: string;
  let sleeper: Sleeper;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('flapping');
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'flap');
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('opens the breaker at flap_threshold restarts within flap_window, even when each succeeded', async () => {
    await registerProcess(db, 81, sleeper.name);
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand, flap_threshold: 3, flap_window: 120 },
      },
    });
    await agent.waitForLine(/Database check: 0 process/);

    // The process "dies" (alarm) and is restarted, three times in a row.
    for (let round = 1; round <= 3; round += 1) {
      await setAlarm(db, 81);
      await waitForCleared(db, 81);
    }
    await agent.waitForLine(new RegExp(`WARNING - Flapping detected for ${sleeper.name}: 3 restarts in 120 s`));
    await agent.waitForLine(new RegExp(`WARNING - Circuit breaker opened for ${sleeper.name} after 3 failures`));
    expect(agent.count(/Flapping detected/)).toBe(1);

    const history = await historyOf(db, 81);
    expect(history.map((row) => row.outcome)).toEqual(['success', 'success', 'success']);
    expect(history[0]!.reason).not.toMatch(/flapping/);
    expect(history[2]!.reason).toMatch(/^flapping: 3 restarts in 120 s, circuit breaker opened; /);
    const breaker = await db.query<RowDataPacket[]>('SELECT state, failures FROM monitor_circuit_breaker WHERE process_id = 81');
    expect({ ...breaker[0] }).toEqual({ state: 'open', failures: 3 });

    // The next alarm waits for circuit_reset_time: skipped, said once, the alarm kept.
    await setAlarm(db, 81);
    await agent.waitForLine(new RegExp(`Circuit breaker open for ${sleeper.name}: restart skipped until`));
    expect(await alarmOf(db, 81)).toBe(1);
    // The skip is recorded just after it is logged.
    const outcomes = await waitFor(async () => (await historyOf(db, 81)).map((row) => row.outcome), {
      what: 'the skip recorded',
      until: (o) => o.length === 4,
    });
    expect(outcomes).toEqual(['success', 'success', 'success', 'skipped']);
  });
});
