// type = process with real processes: a process that dies (no instance left,
// found as the process strategy finds them) raises the alarm and the agent's
// process strategy starts it again; a watch of an unregistered name raises
// nothing and says so once per failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { killQuietly } from '../../support/processes.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { historyOf, waitForCleared } from '../../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('process watch', () => {
  let db: TestDatabase;
  let dir: string;
  let sleeper: Sleeper;
  let ghost: Sleeper;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('watch_process');
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'wproc');
    ghost = makeSleeper(dir, 'ghost');
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('a process that dies raises its alarm and is started again; an unregistered name raises nothing', async () => {
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (304, ?)', [sleeper.name]);
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (304, 0, 0, NULL)');
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      args: [],
      sections: {
        [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand, process_launcher: 'detach' },
        [`watch.${sleeper.name}`]: { type: 'process', watch_interval: 0.2, for_cycles: 2 },
        [`watch.${ghost.name}`]: { type: 'process', watch_interval: 0.2 },
      },
    });
    // Not running at start: the watch sees it and the agent starts it.
    await agent.waitForLine(new RegExp(`Detected failure of ${sleeper.name}: no running process named exactly ${sleeper.name}; alarm raised \\(ID: 304\\)`));
    await waitForCleared(db, 304);
    const [first] = await waitFor(() => sleeper.pids(), { what: 'the sleeper started', until: (pids) => pids.length === 1 });

    killQuietly(first!);
    await waitFor(() => agent!.count(new RegExp(`Detected failure of ${sleeper.name}`)), { what: 'a second detection', until: (n) => n === 2 });
    await waitForCleared(db, 304);
    await waitFor(() => sleeper.pids(), { what: 'the sleeper started again', until: (pids) => pids.length === 1 && pids[0] !== first });
    const history = await waitFor(() => historyOf(db, 304), {
      what: 'both restarts recorded',
      until: (rows) => rows.filter((row) => row.outcome === 'success').length === 2,
    });
    expect(history.map((row) => row.outcome)).toEqual(['detected', 'success', 'detected', 'success']);

    await agent.waitForLine(
      new RegExp(`Detected failure of ${ghost.name}: no running process named exactly ${ghost.name}; no alarm raised: ${ghost.name} has no row in PROCESE`),
    );
    expect(agent.count(new RegExp(`Detected failure of ${ghost.name}`))).toBe(1);
  });
});
