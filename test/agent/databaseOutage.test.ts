// The database killed (kill -9) and restarted under a running agent: the agent
// logs, backs off, never exits, and clears an alarm raised while it was down.
// A person hears of the outage (from memory: the outbox is in the database) and
// of the return (through the outbox), on a real webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { destroyPrivateMariadb, loadSetupSql, mariadbSkipReason, startPrivateMariadb, type MariadbServer } from '../support/mariadb.js';
import { startMariadbServer, stopMariadbServer } from '../support/mariadbServer.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { startWebhookCapture, type WebhookCapture } from '../support/webhookCapture.js';
import { execa } from 'execa';

async function sql(server: MariadbServer, database: string, statement: string): Promise<string> {
  const result = await execa('mariadb', ['--no-defaults', '-S', server.socket, '-uroot', '-N', '-B', database, '-e', statement]);
  return result.stdout.trim();
}

describe.skipIf(mariadbSkipReason())('database outage', () => {
  let server: MariadbServer;
  let dir: string;
  let sleeper: Sleeper;
  let agent: RunningAgent | undefined;
  let hook: WebhookCapture | undefined;
  const database = 'outage';

  beforeAll(async () => {
    server = await startPrivateMariadb();
    await loadSetupSql(database, server.socket);
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'dbo');
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await hook?.close();
    await sleeper?.killAll();
    if (server) await destroyPrivateMariadb(server);
    await removeTempDir(dir);
  });

  it('survives kill -9 of the server, notifies the outage and the return, and handles the alarm raised while it was down', async () => {
    hook = await startWebhookCapture();
    const kinds = () => hook!.delivered().flatMap((body) => body.notifications.map((n) => n.kind));
    await sql(server, database, `INSERT INTO STATUS_PROCESS VALUES (401, 0, 0, NULL); INSERT INTO PROCESE VALUES (401, '${sleeper.name}')`);
    agent = startAgent({
      dir,
      socket: server.socket,
      database,
      sections: {
        monitor: { check_interval: 0.2 },
        database: { connect_timeout: 2 },
        notify: { webhook_url: hook.url, db_alert_after: 1, digest_window: 0.2 },
        [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand },
      },
    });
    await agent.waitForLine(/Database check: 0 process/);

    await stopMariadbServer(server, 'SIGKILL');
    await agent.waitForLine(/ERROR - Database error: poll STATUS_PROCESS/);
    await agent.waitForLine(/WARNING - Database unavailable \(attempt \d+\); retrying in/);
    expect(agent.child.exitCode).toBeNull();
    // After db_alert_after, straight to the webhook: the outbox is unreachable with the database.
    await agent.waitForLine(/Sent the database outage alert by webhook \(HTTP 200/, 20_000);
    expect(kinds()).toEqual(['database-unreachable']);
    expect(hook.delivered()[0]!.text).toMatch(/the database has been unreachable for \d+ s: no alarm can be read or cleared/);

    // Restart the server; raise the alarm before the agent has reconnected.
    await startMariadbServer(server);
    await sql(server, database, 'UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 401');
    await agent.waitForLine(/Database connection restored/, 20_000);
    await agent.waitForLine(new RegExp(`Alarm cleared for ${sleeper.name} \\(ID: 401\\)`), 20_000);
    expect(await sql(server, database, 'SELECT alarma FROM STATUS_PROCESS WHERE process_id = 401')).toBe('0');
    expect(sleeper.pids()).toHaveLength(1);
    await waitFor(kinds, { what: 'the return notified', until: (k) => k.includes('database-restored'), timeoutMs: 20_000 });
    expect(kinds().filter((k) => k === 'database-unreachable')).toHaveLength(1);
    expect(agent.child.exitCode).toBeNull();
    expect(await agent.stop()).toBe(0);
  }, 90_000);
});
