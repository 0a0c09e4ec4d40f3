// The agent is killed with SIGKILL in the middle of a restart procedure, then started
// again with the same agent_id: the killed procedure's history row becomes 'interrupted',
// the job is finished once, and the kill does not count against the circuit breaker.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnAgent, writeAgentConfig, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, alive, historyOf, makeSleeper, outcomes, registerProcess, setAlarm, waitForCleared, type Sleeper } from '../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('agent killed with SIGKILL mid-procedure', () => {
  let db: TestDatabase;
  let dir: string;
  let app: Sleeper;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('agentcrash');
    dir = await makeTempDir('monitor-agentcrash-');
    app = makeSleeper(dir);
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await app?.killAll().catch(() => undefined);
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  async function breaker(id: number): Promise<{ state: string; failures: number } | undefined> {
    const rows = await db.query<RowDataPacket[]>('SELECT state, failures FROM monitor_circuit_breaker WHERE process_id = ?', [id]);
    return rows[0] ? { state: String(rows[0].state), failures: Number(rows[0].failures) } : undefined;
  }

  it('marks the killed procedure interrupted, finishes the job once, and leaves the breaker as it was', async () => {
    const id = 401;
    const inHealth = path.join(dir, 'in-health');
    const killed = path.join(dir, 'killed');
    await registerProcess(db, id, app.name);
    // Two failures in a row already: one more counted failure would open the breaker (max 3).
    await db.query(
      "INSERT INTO monitor_circuit_breaker (process_id, state, failures, opened_at, skip_reported, updated_at) VALUES (?, 'closed', 2, NULL, 0, NOW(3))",
      [id],
    );

    const configFile = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        monitor: { check_interval: '0.2', agent_id: 'crash-agent', max_restart_failures: 3 },
        [`process.${app.name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: app.startCommand,
          // The first life of the agent is killed while this health check waits.
          health_check_command: `while [ ! -e ${killed} ]; do touch ${inHealth}; sleep 0.1; done; pgrep -x %s`,
          health_check_timeout: 60,
          stop_timeout: 2,
        },
      },
    });

    const first = spawnAgent(configFile);
    agents.push(first);
    await first.waitForLine(/Database check: \d+ process\(es\) in alarm/);
    await setAlarm(db, id);
    await waitFor(() => existsSync(inHealth), { what: 'the health check of the first agent to run' });
    const breakerBefore = await breaker(id);
    first.child.kill('SIGKILL');
    await first.exited;

    // What the crash left: an open history row, the alarm, the breaker untouched.
    expect((await historyOf(db, id)).map((row) => row.outcome)).toEqual(['in_progress']);
    expect(await alarmOf(db, id)).toBe(1);
    expect(await breaker(id)).toEqual(breakerBefore);
    expect(breakerBefore).toEqual({ state: 'closed', failures: 2 });

    writeFileSync(killed, '');
    const second = spawnAgent(configFile);
    agents.push(second);
    await second.waitForLine(/1 restart procedure\(s\) of agent crash-agent were interrupted by its last stop/);
    await waitForCleared(db, id);
    const history = await waitFor(() => historyOf(db, id), {
      what: 'the second procedure to be recorded',
      until: (rows) => rows.length === 2 && rows[1]!.outcome !== 'in_progress',
    });
    expect(history.map((row) => [row.agent_id, row.outcome])).toEqual([
      ['crash-agent', 'interrupted'],
      ['crash-agent', 'success'],
    ]);
    expect(history[0]!.finished_at).not.toBeNull();
    expect(await outcomes(db, id)).toEqual({ interrupted: 1, success: 1 });
    // The kill was not counted as a failure (that would have opened the breaker at 3);
    // the one successful procedure closed it.
    expect(await breaker(id)).toEqual({ state: 'closed', failures: 0 });
    expect(second.count(new RegExp(`Beginning restart procedure for ${app.name}`))).toBe(1);
    expect(app.pids()).toHaveLength(1);
    expect(alive(second)).toBe(true);
    console.log(
      `[reliability] agent SIGKILL mid-procedure: history ${history.map((row) => row.outcome).join(' → ')}; ` +
        `successful procedures after restart: ${(await outcomes(db, id)).success}; breaker before kill ${JSON.stringify(breakerBefore)}, after kill unchanged`,
    );
    expect(await second.stop()).toBe(0);
  });
});
