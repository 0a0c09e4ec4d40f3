// [monitor] wake = binlog against a real MariaDB writing a ROW binary log (a
// private server: the shared one runs without log_bin). With check_interval =
// 60 an alarm is handled within seconds only if the binlog woke the agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { AGENT_CLI, startAgent, writeAgentConfig, type RunningAgent, type Sections } from '../support/agentProcess.js';
import { destroyPrivateMariadb, loadSetupSql, mariadbSkipReason, startPrivateMariadb, type MariadbServer } from '../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

/** Far below check_interval = 60: only a wake explains it. */
const WOKEN_WITHIN_MS = 5_000;
const database = 'binlogwake';

async function sql(server: MariadbServer, statement: string): Promise<string> {
  const result = await execa('mariadb', ['--no-defaults', '-S', server.socket, '-uroot', '-N', '-B', database, '-e', statement]);
  return result.stdout.trim();
}

describe.skipIf(mariadbSkipReason())('wake = binlog', () => {
  let server: MariadbServer;
  let dir: string;
  let sleeper: Sleeper;
  const agents: RunningAgent[] = [];

  const start = (monitor: Sections[string], databaseKeys: Sections[string] = {}): RunningAgent => {
    const agent = startAgent({
      dir,
      socket: server.socket,
      database,
      sections: {
        monitor: { wake: 'binlog', ...monitor },
        database: databaseKeys,
        [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand },
      },
    });
    agents.push(agent);
    return agent;
  };

  /** Raises the alarm and resolves with the ms until the agent logged it cleared. */
  const raiseAndTime = async (agent: RunningAgent, id: number): Promise<number> => {
    const cleared = new RegExp(`Alarm cleared for ${sleeper.name} \\(ID: ${id}\\)`);
    const before = Date.now();
    await sql(server, `UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = ${id}`);
    await agent.waitForLine(new RegExp(`Found process in alarm: ${sleeper.name} \\(ID: ${id}\\)`), 20_000);
    await agent.waitForLine(cleared, 20_000);
    const took = Date.now() - before;
    expect(await sql(server, `SELECT alarma FROM STATUS_PROCESS WHERE process_id = ${id}`)).toBe('0');
    return took;
  };

  beforeAll(async () => {
    server = await startPrivateMariadb(['--log-bin=binlog', '--binlog-format=ROW', '--server-id=1']);
    await loadSetupSql(database, server.socket);
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'bnl');
    const ids = [501, 502, 503, 504];
    await sql(
      server,
      ids.map((id) => `INSERT INTO STATUS_PROCESS VALUES (${id}, 0, 0, NULL); INSERT INTO PROCESE VALUES (${id}, '${sleeper.name}');`).join(' '),
    );
    // A user that may read and write the database but not follow the binary log.
    await sql(server, `CREATE USER nogrant@localhost; GRANT ALL PRIVILEGES ON ${database}.* TO nogrant@localhost`);
  }, 60_000);
  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await sleeper?.killAll();
    if (server) await destroyPrivateMariadb(server);
    await removeTempDir(dir);
  });

  it('handles an alarm within seconds of the UPDATE although check_interval is 60', async () => {
    const agent = start({ check_interval: 60 });
    await agent.waitForLine(/INFO - Wake on binlog: following row events on binlogwake\.STATUS_PROCESS \(server_id \d+\)/);
    await agent.waitForLine(/Database check: 0 process/);
    const took = await raiseAndTime(agent, 501);
    expect(took).toBeLessThan(WOKEN_WITHIN_MS);
    expect(sleeper.pids()).toHaveLength(1);
    expect(agent.count(/WARNING - Wake on binlog/)).toBe(0);
    expect(await agent.stop()).toBe(0);
  }, 60_000);

  it('falls back when the binlog connection is killed, says so once, resumes by itself and is woken again', async () => {
    const agent = start({ check_interval: 60 });
    await agent.waitForLine(/Wake on binlog: following row events/);
    const dumpThread = () => sql(server, "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'");
    const thread = await waitFor(dumpThread, { what: 'the Binlog Dump thread', until: (id) => /^\d+$/.test(id) });
    await sql(server, `KILL ${thread}`);
    await agent.waitForLine(/WARNING - Wake on binlog unavailable: .+; polling every 60 s instead, retrying the binlog by itself/);
    await agent.waitForLine(/INFO - Wake on binlog resumed: following row events on binlogwake\.STATUS_PROCESS/, 20_000);
    expect(agent.count(/Wake on binlog unavailable/)).toBe(1);
    const took = await raiseAndTime(agent, 502);
    expect(took).toBeLessThan(WOKEN_WITHIN_MS);
    expect(await agent.stop()).toBe(0);
  }, 60_000);

  it('without REPLICATION grants: --check-config names them, the agent polls (said once) and still handles the alarm', async () => {
    const configFile = writeAgentConfig({
      dir,
      socket: server.socket,
      database,
      fileName: 'nogrant.ini',
      sections: { monitor: { wake: 'binlog' }, database: { user: 'nogrant' } },
    });
    const checked = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', configFile], { reject: false });
    expect(checked.exitCode).toBe(0);
    expect(checked.stderr).toContain('wake = binlog will fall back to polling: the user lacks the REPLICATION SLAVE grant');
    expect(checked.stderr).toContain('the user lacks the REPLICATION CLIENT grant');
    expect(checked.stderr).toContain("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'nogrant'");

    const agent = start({ check_interval: 1 }, { user: 'nogrant' });
    await agent.waitForLine(/WARNING - Wake on binlog unavailable: .*(denied|privilege).*; polling every 1 s instead/i);
    // A retry failed again (DEBUG) without a second warning.
    await agent.waitForLine(/DEBUG - Wake on binlog still unavailable/, 20_000);
    await raiseAndTime(agent, 503);
    expect(agent.count(/Wake on binlog unavailable/)).toBe(1);
    expect(agent.count(/Wake on binlog: following|Wake on binlog resumed/)).toBe(0);
    expect(await agent.stop()).toBe(0);
  }, 60_000);

  it('SIGHUP from wake = poll to wake = binlog starts following the binary log, and back to poll stops it', async () => {
    const monitor = { check_interval: 60, wake: 'poll' };
    const sections = (wake: string): Sections => ({
      monitor: { ...monitor, wake },
      [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand },
    });
    const agent = startAgent({ dir, socket: server.socket, database, fileName: 'reload.ini', sections: sections('poll') });
    agents.push(agent);
    await agent.waitForLine(/Database check: 0 process/);
    writeAgentConfig({ dir, socket: server.socket, database, fileName: 'reload.ini', sections: sections('binlog') });
    agent.child.kill('SIGHUP');
    await agent.waitForLine(/Wake on binlog: following row events/);
    expect(await raiseAndTime(agent, 504)).toBeLessThan(WOKEN_WITHIN_MS);

    const dumpThreads = () => sql(server, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Binlog Dump'");
    writeAgentConfig({ dir, socket: server.socket, database, fileName: 'reload.ini', sections: sections('poll') });
    agent.child.kill('SIGHUP');
    await waitFor(dumpThreads, { what: 'the binlog connection closed', until: (count) => count === '0' });
    expect(agent.count(/Wake on binlog unavailable/)).toBe(0);
    expect(await agent.stop()).toBe(0);
  }, 60_000);

  it('--check-config is quiet about the binlog when the server and the grants are ready', async () => {
    const configFile = writeAgentConfig({ dir, socket: server.socket, database, fileName: 'root.ini', sections: { monitor: { wake: 'binlog' } } });
    const checked = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', configFile], { reject: false });
    expect(checked.exitCode).toBe(0);
    expect(checked.stderr).not.toContain('binlog');
    expect(checked.stdout).toMatch(/wake = binlog/);
  }, 30_000);
});
