// `monitor_service status` against a real database: an open breaker with its
// next-trial time, the newest restarts, a live agent and a stopped one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, writeAgentConfig, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { CLI, runCli } from './runCli.js';

const RESET_SECONDS = 1800;

describe.skipIf(mariadbSkipReason())('monitor_service status', () => {
  let db: TestDatabase;
  let dir: string;
  let config: string;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('status');
    dir = await makeTempDir('status-');
    config = writeAgentConfig({ dir, socket: db.socket, database: db.name, sections: { monitor: { circuit_reset_time: RESET_SECONDS } } });
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 1');
    await db.query(
      "INSERT INTO monitor_circuit_breaker (process_id, state, failures, opened_at, skip_reported, updated_at) VALUES (1, 'open', 3, NOW(3) - INTERVAL 10 MINUTE, 1, NOW(3))",
    );
    for (const [minutesAgo, outcome, reason] of [
      [40, 'success', 'oldest: must not show'],
      [30, 'failure', 'health check "systemctl is-active apache2" did not pass within 10s (20 run(s)); last: exit 3 ' + 'x'.repeat(200)],
      [20, 'failure', 'second failure'],
      [10, 'failure', 'third failure'],
    ] as const) {
      await db.query(
        `INSERT INTO monitor_restart_history (process_id, process_name, agent_id, started_at, finished_at, strategy, attempts, outcome, reason)
         VALUES (1, 'apache2', 'old-agent', NOW(3) - INTERVAL ? MINUTE, NOW(3) - INTERVAL ? MINUTE, 'service', 2, ?, ?)`,
        [minutesAgo, minutesAgo, outcome, reason],
      );
    }
    await db.query(
      "INSERT INTO monitor_agent (agent_id, hostname, pid, version, started_at, last_poll_at, stopped_at, agent_group) VALUES ('old-agent', 'oldhost', 4242, '0.9.0', NOW(3) - INTERVAL 2 DAY, NOW(3) - INTERVAL 1 DAY, NOW(3) - INTERVAL 1 DAY, 'oldgroup')",
    );
    agent = startAgent({ dir, socket: db.socket, database: db.name, fileName: 'agent.ini', sections: { monitor: { agent_id: 'live-agent' } } });
    await agent.waitForLine(/Database check: \d+ process/);
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await db?.close();
    await removeTempDir(dir);
  });

  it('shows the open breaker, its next trial, the last three restarts and the agents', async () => {
    const [expected] = await db.query<Array<{ next: string }>>(
      "SELECT DATE_FORMAT(opened_at + INTERVAL ? SECOND, '%Y-%m-%d %H:%i:%s') AS next FROM monitor_circuit_breaker WHERE process_id = 1",
      [RESET_SECONDS],
    );
    const result = await runCli(CLI.monitorService, ['status', '--config', config]);
    expect(result.exitCode, result.all).toBe(0);
    const out = result.stdout;

    expect(out).toMatch(new RegExp(`^1\\s+apache2\\s+\\(any\\)\\s+ALARM\\s+open \\(3 failures\\)\\s+${expected?.next}$`, 'm'));
    expect(out).toMatch(/^2\s+mysqld\s+\(any\)\s+ok\s+closed\s+-$/m);
    expect(out).toContain('third failure');
    expect(out).toContain('second failure');
    expect(out).toContain('health check "systemctl is-active apache2"');
    expect(out).not.toContain('oldest: must not show');
    expect(out).not.toContain('x'.repeat(100));
    expect(out).toMatch(/^live-agent\s+\S+\s+\S+\s+\d+\s+\S+\s+\d{4}-.*\salive$/m);
    expect(out).toMatch(/^old-agent\s+oldgroup\s+oldhost\s+4242\s+0\.9\.0\s.*stopped at \d{4}-/m);
    expect(out).toContain('1 process(es) in alarm, 1 circuit breaker(s) open, 1 agent(s) alive');
    expect(out.slice(out.indexOf('ALARMS PER GROUP'))).toMatch(/^\(unassigned\)\s+1\s+-$/m);
    expect(out).not.toContain('\u001b[');
  });

  it('a bad configuration exits 78', async () => {
    const broken = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'broken.ini',
      sections: { monitor: { max_restart_failures: 'many' } },
    });
    const result = await runCli(CLI.monitorService, ['--config', broken, 'status']);
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toContain('max_restart_failures');
  });
});
