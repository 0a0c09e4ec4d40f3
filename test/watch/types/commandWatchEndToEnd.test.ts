// type = command through the agent, the `docker events` way: a long-running
// command (here tail -F on an events file) prints a line that matches the
// pattern, the agent raises the alarm, and its process strategy restarts the
// process; a line for another container raises nothing.
import { spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { historyOf, waitForCleared } from '../../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('command watch through the agent', () => {
  let db: TestDatabase;
  let dir: string;
  let sleeper: Sleeper;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('watch_command');
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'wcmd');
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('a matching output line raises the alarm and the process is restarted; other lines raise nothing', async () => {
    const events = path.join(dir, 'events.log');
    writeFileSync(events, '');
    spawn(sleeper.binary, ['600'], { detached: true, stdio: 'ignore' }).unref();
    const [first] = await waitFor(() => sleeper.pids(), { what: 'the sleeper running', until: (pids) => pids.length === 1 });
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (305, ?)', [sleeper.name]);
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (305, 0, 0, NULL)');
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      args: [],
      sections: {
        [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand, process_launcher: 'detach' },
        [`watch.${sleeper.name}`]: {
          type: 'command',
          command: `tail -n 0 -F ${events}`,
          pattern: `container die .*name=${sleeper.name}\\b`,
          watch_interval: 0.2,
          pattern_expiration: 1,
        },
      },
    });
    await agent.waitForLine(/Database check: 0 process\(es\) in alarm/);
    // tail -F needs a moment to be reading: write until the agent has seen the line.
    appendFileSync(events, '2026-11-26T04:00:00 container die 1f2e (name=someone-else)\n');
    await waitFor(
      () => {
        appendFileSync(events, `2026-11-26T04:00:01 container die 9a8b (image=x, name=${sleeper.name})\n`);
        return agent!.count(new RegExp(`Detected failure of ${sleeper.name}: .*container die 9a8b`));
      },
      { what: 'the die line detected', until: (n) => n >= 1, timeoutMs: 20_000 },
    );
    await agent.waitForLine(new RegExp(`Detected failure of ${sleeper.name}: .*; alarm raised \\(ID: 305\\)`));
    await waitForCleared(db, 305);
    await waitFor(() => sleeper.pids(), { what: 'a new instance', until: (pids) => pids.length === 1 && pids[0] !== first });
    const history = await historyOf(db, 305);
    expect(history[0]?.outcome).toBe('detected');
    expect(history[0]?.reason).toContain('container die 9a8b');
    expect(history.some((row) => row.outcome === 'success')).toBe(true);
    expect(agent.output()).not.toMatch(/Detected failure of \S+: .*someone-else/);
  }, 60_000);
});
