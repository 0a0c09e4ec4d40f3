// `status` with 10,000 processes in alarm stays one screen (a summary and the
// first rows, --all for everything), and --json / test-alarm list --json give
// the documented fields, parsed back from the real programs' output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { CLI, runCli } from './runCli.js';

interface StatusJson {
  summary: { processes: number; in_alarm: number; breakers_open: number; agents_alive: number; processes_listed: number };
  processes: Array<{ process_id: number; process_name: string | null; in_alarm: boolean; breaker: { state: string }; recent_restarts: unknown[] }>;
  agents: unknown[];
}

describe.skipIf(mariadbSkipReason())('status with 10,000 processes in alarm', () => {
  let db: TestDatabase;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    db = await createTestDatabase('statusbig');
    dir = await makeTempDir('statusbig-');
    config = writeAgentConfig({ dir, socket: db.socket, database: db.name });
    // MariaDB's sequence engine: ids 100000..109999, all in alarm, named p100000…
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) SELECT seq, 1, 0, NULL FROM seq_100000_to_109999');
    await db.query("INSERT INTO PROCESE (process_id, process_name) SELECT seq, CONCAT('p', seq) FROM seq_100000_to_109999");
    // A hostile name among them, and an open breaker on one registered early (id 2).
    await db.query('UPDATE PROCESE SET process_name = ? WHERE process_id = 100005', ['"; </script>\u001b[31m']);
    await db.query(
      "INSERT INTO monitor_circuit_breaker (process_id, state, failures, opened_at, skip_reported, updated_at) VALUES (2, 'open', 3, NOW(3), 1, NOW(3))",
    );
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await removeTempDir(dir);
  });

  it('is one screen: the summary counts all, a few rows, and how to see the rest', async () => {
    const result = await runCli(CLI.monitorService, ['status', '--config', config]);
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.length).toBeLessThan(80);
    expect(result.stdout).toMatch(/^10000 process\(es\) in alarm, 1 circuit breaker\(s\) open/m);
    expect(result.stdout).toMatch(/… and \d+ more process\(es\) \(\d+ of them in alarm\): monitor_service status --all/);
    // The process with the open breaker is listed although its id sorts after many.
    expect(result.stdout).toMatch(/^2\s+mysqld\s+\(any\)\s+\S+\s+open \(3 failures\)/m);
  });

  it('--all lists every process', async () => {
    const result = await runCli(CLI.monitorService, ['status', '--all', '--config', config]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((line) => /^1\d{5}\s/.test(line))).toHaveLength(10_000);
  }, 120_000);

  it('--json has the documented fields, and the hostile name is plain data', async () => {
    const result = await runCli(CLI.monitorService, ['status', '--json', '--config', config]);
    expect(result.exitCode, result.stderr).toBe(0);
    const status = JSON.parse(result.stdout) as StatusJson;
    expect(status.summary).toMatchObject({ in_alarm: 10_000, breakers_open: 1, processes_listed: 20 });
    expect(status.summary.processes).toBeGreaterThanOrEqual(10_000);
    expect(status.processes).toHaveLength(20);
    expect(status.processes.find((p) => p.process_id === 2)).toMatchObject({ breaker: { state: 'open' } });
    expect(Object.keys(status.processes[0]!).sort()).toEqual(
      ['alarma', 'breaker', 'host', 'in_alarm', 'last_restart', 'process_id', 'process_name', 'recent_restarts', 'registered'].sort(),
    );
  });

  it('test-alarm list --json lists every process with the same fields', async () => {
    const result = await runCli(CLI.testAlarm, ['list', '--json', '--config', config]);
    expect(result.exitCode, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ process_id: number; process_name: string | null; in_alarm: boolean }>;
    expect(rows.filter((row) => row.in_alarm)).toHaveLength(10_000);
    expect(rows.find((row) => row.process_id === 100005)?.process_name).toBe('"; </script>\u001b[31m');
  }, 60_000);
});
