// A rejected row stays rejected only while it stays the same: the poll skips rows it has
// already judged (README, Performance: "rejected"), so every change an operator makes to
// one must still be seen at the next poll. A real agent against the real MariaDB, with real
// processes: a name fixed by an UPDATE, a PROCESE row added, an alarma value corrected are
// acted on; a bad name changed to another bad name is reported (and recorded) again; an
// unchanged bad row is reported once however many polls pass.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, openAgentDatabase } from '../../src/agent/Agent.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { createLogger } from '../../src/log/createLogger.js';
import { writeAgentConfig } from '../support/agentProcess.js';
import { historyOf, makeSleeper, registerProcess, waitForCleared, type Sleeper } from '../support/faultKit.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

type Rejected = Extract<AgentEvent, { type: 'alarm.rejected' }>;

describe.skipIf(mariadbSkipReason())('rejected rows that change', () => {
  let db: TestDatabase;
  let dir: string;
  const sleepers: Sleeper[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('rejected_change');
    dir = await makeTempDir('monitor-rejected-');
  });
  afterAll(async () => {
    for (const sleeper of sleepers) await sleeper.killAll();
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  it('acts on a fixed row at once, reports a new bad name again, and an unchanged one once', async () => {
    const renamed = makeSleeper(dir, 'renm');
    const added = makeSleeper(dir, 'addd');
    const corrected = makeSleeper(dir, 'corr');
    sleepers.push(renamed, added, corrected);
    await registerProcess(db, 21, 'bad;name', 1);
    await registerProcess(db, 22, 'bad;one', 1);
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (23, 1, 0, 'no PROCESE row yet')");
    await registerProcess(db, 24, corrected.name, 2);
    await registerProcess(db, 25, 'bad;stays', 1);
    const processSection = (sleeper: Sleeper) => ({ restart_strategy: 'process', start_command: sleeper.startCommand });
    const config = loadConfig(
      writeAgentConfig({
        dir,
        socket: db.socket,
        database: db.name,
        sections: {
          monitor: { check_interval: 0.2 },
          'process.default': { max_attempts: 1, health_check_timeout: 5 },
          [`process.${renamed.name}`]: processSection(renamed),
          [`process.${added.name}`]: processSection(added),
          [`process.${corrected.name}`]: processSection(corrected),
        },
      }),
    );
    const log = createLogger(config.logging, { console: false });
    const agent = new Agent(config, openAgentDatabase(config.database, config.monitor.max_parallel_restarts), log, { version: 'test' });
    const rejected: Rejected[] = [];
    let polls = 0;
    agent.events.onAny('recorder', (event) => {
      if (event.type === 'alarm.rejected') rejected.push(event);
      if (event.type === 'poll.finished') polls += 1;
    });
    const rejectionsOf = (id: number) => rejected.filter((event) => event.processId === id);
    const pollsFromNow = async (count: number) => {
      const until = polls + count;
      await waitFor(() => polls, { what: `${count} more polls`, until: (n) => n >= until, timeoutMs: 20_000 });
    };
    const running = agent.run();
    try {
      await waitFor(() => [21, 22, 23, 24, 25].every((id) => rejectionsOf(id).length === 1), { what: 'every row rejected', until: Boolean, timeoutMs: 20_000 });
      // Judged, reported, and polled again several times unchanged: now the agent could skip them.
      await pollsFromNow(5);

      await db.query('UPDATE PROCESE SET process_name = ? WHERE process_id = 21', [renamed.name]);
      await db.query("UPDATE PROCESE SET process_name = 'bad;two' WHERE process_id = 22");
      await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (23, ?)', [added.name]);
      await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 24');

      await waitForCleared(db, 21);
      await waitForCleared(db, 23);
      await waitForCleared(db, 24);
      await waitFor(() => rejectionsOf(22).length, { what: 'the new bad name reported', until: (n) => n === 2, timeoutMs: 20_000 });
      await pollsFromNow(5);
    } finally {
      await agent.stop();
      await running;
      await log.close();
    }

    expect(renamed.pids().length).toBe(1);
    expect(added.pids().length).toBe(1);
    expect(corrected.pids().length).toBe(1);
    expect(rejectionsOf(22).map((event) => event.name)).toEqual(['"bad;one"', '"bad;two"']);
    expect((await historyOf(db, 22)).map((row) => row.outcome)).toEqual(['rejected', 'rejected']);
    expect(rejectionsOf(25)).toHaveLength(1);
    expect((await historyOf(db, 25)).map((row) => row.outcome)).toEqual(['rejected']);
    for (const id of [21, 23, 24]) expect(rejectionsOf(id), `process ${id}`).toHaveLength(1);
    expect(readFileSync(config.logging.log_file, 'utf8')).toMatch(/bad;two/);
  }, 90_000);
});
