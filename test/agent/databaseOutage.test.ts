// The database killed (kill -9) and restarted under a running agent: the agent
// logs, backs off, never exits, and clears an alarm raised while it was down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { destroyPrivateMariadb, loadSetupSql, mariadbSkipReason, startPrivateMariadb, type MariadbServer } from '../support/mariadb.js';
import { startMariadbServer, stopMariadbServer } from '../support/mariadbServer.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
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
  const database = 'outage';

  beforeAll(async () => {
    server = await startPrivateMariadb();
    await loadSetupSql(database, server.socket);
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'dbo');
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await sleeper?.killAll();
    if (server) await destroyPrivateMariadb(server);
    await removeTempDir(dir);
  });

  it('survives kill -9 of the server and handles the alarm raised while it was down', async () => {
    await sql(server, database, `INSERT INTO STATUS_PROCESS VALUES (401, 0, 0, NULL); INSERT INTO PROCESE VALUES (401, '${sleeper.name}')`);
    agent = startAgent({
      dir,
      socket: server.socket,
      database,
      sections: {
        monitor: { check_interval: 0.2 },
        database: { connect_timeout: 2 },
        [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand },
      },
    });
    await agent.waitForLine(/Database check: 0 process/);

    await stopMariadbServer(server, 'SIGKILL');
    await agent.waitForLine(/ERROR - Database error: poll STATUS_PROCESS/);
    await agent.waitForLine(/WARNING - Database unavailable \(attempt \d+\); retrying in/);
    expect(agent.child.exitCode).toBeNull();

    // Restart the server; raise the alarm before the agent has reconnected.
    await startMariadbServer(server);
    await sql(server, database, 'UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 401');
    await agent.waitForLine(/Database connection restored/, 20_000);
    await agent.waitForLine(new RegExp(`Alarm cleared for ${sleeper.name} \\(ID: 401\\)`), 20_000);
    expect(await sql(server, database, 'SELECT alarma FROM STATUS_PROCESS WHERE process_id = 401')).toBe('0');
    expect(sleeper.pids()).toHaveLength(1);
    expect(agent.child.exitCode).toBeNull();
    expect(await agent.stop()).toBe(0);
  }, 90_000);
});
