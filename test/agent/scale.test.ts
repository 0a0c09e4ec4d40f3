// Several hosts at scale, simulated (bench/clusterScale.ts): 8 agents with distinct groups,
// 10,000 registered processes assigned round-robin, two bursts of 80 alarms spread over
// every group. No alarm handled by the wrong group, none twice, none missed. The bench
// runs the same scenario with up to 50 agents (too heavy beside the rest of the suite on
// 2 cores).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScaleScenario } from '../../bench/clusterScale.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe.skipIf(mariadbSkipReason())('many agents, one database', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase('scale');
    dir = await makeTempDir('monitor-scale-');
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  it('8 agents x 10,000 processes x bursts: every alarm handled once, by its own group', async () => {
    const point = await runScaleScenario({ socket: db.socket, database: db.name, dir, agents: 8, processes: 10_000, bursts: 2, burstSize: 80 });
    console.log(`[scale] ${JSON.stringify(point)}`);
    expect(point).toMatchObject({ alarms: 160, wrongGroup: 0, startedTwice: 0, missed: 0 });
    // The poll reads the alarms (all groups') and looks each up by primary key: a few rows
    // per alarm, never the 10,000 registered processes.
    expect(point.rowsReadPerPoll).toBeLessThan(80 * 6);
  }, 240_000);
});
