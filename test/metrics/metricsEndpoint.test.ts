// [metrics] with the real agent and database: after real alarms (one restarted,
// one whose breaker opens, one refused), GET /metrics over HTTP and the
// textfile say so in the Prometheus text format; the server is read-only,
// closed when the agent stops, and a port in use or a bad listen value stops
// the agent at start with a line naming section, key and value.
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent, type StartAgentOptions } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

const SERVING = /Metrics: serving (http:\/\/127\.0\.0\.1:(\d+))\/metrics/;

/** The value of one sample (`name{labels}` exactly as written), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.skipIf(mariadbSkipReason())('metrics', () => {
  let db: TestDatabase;
  let dir: string;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('metrics');
    dir = await makeTempDir();
  });
  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await db?.close();
    await removeTempDir(dir);
  });

  const options = (extra: StartAgentOptions['sections'] = {}, fileName = 'config.ini'): StartAgentOptions => ({
    dir,
    socket: db.socket,
    database: db.name,
    fileName,
    sections: {
      monitor: { check_interval: 0.2, max_restart_failures: 1 },
      'process.default': { restart_strategy: 'command', restart_command: 'true', health_check_timeout: 0.5, max_attempts: 1, flap_threshold: 0 },
      'process.metrics_ok': { health_check_command: 'true' },
      'process.metrics_bad': { health_check_command: 'false' },
      ...extra,
    },
  });

  it('serves and writes what the agent did, and stops serving when it stops', async () => {
    const textfileDir = path.join(dir, 'textfile');
    mkdirSync(textfileDir, { mode: 0o755 });
    const textfile = path.join(textfileDir, 'monitor_service.prom');
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (1601, 1, 0, ''), (1602, 1, 0, ''), (1603, 1, 0, '')");
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (1601, 'metrics_ok'), (1602, 'metrics_bad'), (1603, 'bad name;rm')");
    const agent = startAgent(options({ metrics: { listen: '127.0.0.1:0', textfile } }));
    agents.push(agent);
    const url = SERVING.exec(await agent.waitForLine(SERVING))![1]!;
    await agent.waitForLine(/Circuit breaker opened for metrics_bad after 1 failure/);
    await agent.waitForLine(/Alarm cleared for metrics_ok \(ID: 1601\)/);

    const scrape = async (): Promise<string> => {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    // The next poll after the breaker opened: 2 rows in alarm (bad and the refused one), 1 breaker open.
    const text = await waitFor(scrape, { what: 'a poll after the procedures', until: (t) => sample(t, 'monitor_service_breakers_open') === 1 });
    expect(sample(text, 'monitor_service_restarts_total{process="metrics_ok",outcome="success"}')).toBe(1);
    expect(sample(text, 'monitor_service_restarts_total{process="metrics_bad",outcome="failure"}')).toBe(1);
    expect(sample(text, 'monitor_service_processes_in_alarm')).toBe(2);
    expect(sample(text, 'monitor_service_alarms_rejected_total')).toBe(1);
    expect(sample(text, 'monitor_service_restart_duration_seconds_count{outcome="failure"}')).toBe(1);
    expect(sample(text, 'monitor_service_restart_duration_seconds_sum{outcome="failure"}')).toBeGreaterThanOrEqual(0.5);
    expect(sample(text, 'monitor_service_database_reachable')).toBe(1);
    expect(sample(text, 'monitor_service_notifications_pending')).toBe(0);
    const lastPoll = sample(text, 'monitor_service_last_successful_poll_timestamp_seconds')!;
    expect(Math.abs(lastPoll - Date.now() / 1000)).toBeLessThan(30);

    // The textfile catches up within a second or so, and says the same.
    const written = await waitFor(() => readFileSync(textfile, 'utf8'), {
      what: 'the textfile after the breaker opened',
      until: (t) => sample(t, 'monitor_service_breakers_open') === 1,
    });
    expect(sample(written, 'monitor_service_restarts_total{process="metrics_ok",outcome="success"}')).toBe(1);

    // Read-only: other methods are refused, other paths are not found.
    const post = await fetch(`${url}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${url}/`)).status).toBe(404);

    expect(await agent.stop()).toBe(0);
    await expect(fetch(`${url}/metrics`)).rejects.toThrow();
  });

  it('does not start when the port is taken, naming section, key and value', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const agent = startAgent(options({ metrics: { listen: `127.0.0.1:${port}` } }, 'taken.ini'));
      agents.push(agent);
      expect(await agent.exited).toBe(1);
      expect(agent.output()).toContain(
        `[metrics] listen = "127.0.0.1:${port}": cannot listen there: the port is already in use by another program (EADDRINUSE)`,
      );
      expect(agent.output()).not.toMatch(/Database check/);
    } finally {
      blocker.close();
    }
  });

  it('refuses a textfile in a directory that others can write, with exit status 78', async () => {
    const open = path.join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const agent = startAgent(options({ metrics: { textfile: path.join(open, 'm.prom') } }, 'open.ini'));
    agents.push(agent);
    expect(await agent.exited).toBe(78);
    expect(agent.output()).toMatch(
      /\[metrics\] textfile = ".*\/open\/m\.prom": expected a directory that only root can change, since the agent writes there as root: .* writable by group or others/,
    );
  });

  it('refuses a listen value that is not host:port with exit status 78', async () => {
    const agent = startAgent(options({ metrics: { listen: ':9311' } }, 'bad.ini'));
    agents.push(agent);
    expect(await agent.exited).toBe(78);
    expect(agent.output()).toContain('[metrics] listen = ":9311": expected an address written out: 9311 alone for this host only, or 0.0.0.0:9311');
  });
});
