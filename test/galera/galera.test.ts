// Several hosts, one database, on a REAL 3-node MariaDB Galera cluster (started here on
// 127.0.0.1, see test/support/galeraCluster.ts): two agents connected to different nodes
// race for the same alarms (an HA pair: same agent_group), then a node is killed with
// SIGKILL in the middle of a burst and rejoins. Each process must be restarted exactly
// once (its start_command appends to a file), nothing lost.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import {
  connectToNode,
  createGaleraCluster,
  destroyGaleraCluster,
  galeraMissingReason,
  isSynced,
  rejoinNode,
  stopNode,
  type GaleraCluster,
  type GaleraNode,
} from '../support/galeraCluster.js';
import { loadSetupSql } from '../support/mariadb.js';
import { skipReasonOrFail } from '../support/skipRule.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

const skip = skipReasonOrFail('a Galera cluster (galera-4, rsync)', await galeraMissingReason());
const DATABASE = 'galera_monitor';

describe.skipIf(skip)('several hosts on a 3-node Galera cluster', () => {
  let cluster: GaleraCluster;
  let dir: string;
  let sql: Connection;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('monitor-galeratest-');
    const started = Date.now();
    cluster = await createGaleraCluster();
    console.log(`[galera] 3 nodes Synced in ${Date.now() - started} ms`);
    await loadSetupSql(DATABASE, cluster.nodes[0]!.socket);
    sql = await connectToNode(cluster.nodes[2]!, DATABASE);
  }, 180_000);

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await sql?.end().catch(() => undefined);
    if (cluster) await destroyGaleraCluster(cluster);
    if (dir) await removeTempDir(dir);
  }, 120_000);

  /** An agent whose [database] host lists the nodes starting with `first`. */
  function start(agentId: string, first: GaleraNode, starts: string): RunningAgent {
    const order = [first, ...cluster.nodes.filter((node) => node !== first)];
    const agentDir = path.join(dir, agentId);
    mkdirSync(agentDir, { recursive: true });
    const agent = startAgent({
      dir: agentDir,
      socket: '',
      database: DATABASE,
      sections: {
        database: { host: order.map((node) => `127.0.0.1:${node.port}`).join(','), user: 'root', password: '', connect_timeout: 5 },
        monitor: { check_interval: '0.2', agent_id: agentId, agent_group: 'pair', max_parallel_restarts: 8, claim_lease: 30 },
        'process.default': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: `echo %s >> ${starts}`,
          health_check_command: 'true',
          max_attempts: 1,
        },
      },
    });
    agents.push(agent);
    return agent;
  }

  async function register(from: number, count: number, prefix: string): Promise<string[]> {
    const names = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
    const status = names.map((_, i) => [from + i, 0, 0, 'galera']);
    await sql.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES ?', [status]);
    await sql.query('INSERT INTO PROCESE (process_id, process_name) VALUES ?', [names.map((name, i) => [from + i, name])]);
    await sql.query('INSERT INTO monitor_process_host (process_id, host) VALUES ?', [names.map((_, i) => [from + i, 'pair'])]);
    return names;
  }

  async function count(query: string, params: unknown[] = []): Promise<number> {
    const [rows] = await sql.query<RowDataPacket[]>(query, params);
    return Number(rows[0]!.n);
  }

  async function startsPerName(file: string): Promise<Map<string, number>> {
    const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    const perName = new Map<string, number>();
    for (const line of lines) perName.set(line, (perName.get(line) ?? 0) + 1);
    return perName;
  }

  it('two agents on different nodes, 200 alarms: each process restarted exactly once', async () => {
    const starts = path.join(dir, 'starts-200.log');
    const names = await register(1000, 200, 'gal');
    const a = start('galera-a', cluster.nodes[0]!, starts);
    const b = start('galera-b', cluster.nodes[1]!, starts);
    await a.waitForLine(/Database check: 0 process\(es\) in alarm/, 30_000);
    await b.waitForLine(/Database check: 0 process\(es\) in alarm/, 30_000);

    const startedAt = Date.now();
    await sql.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id BETWEEN 1000 AND 1199');
    await waitFor(() => count('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE process_id BETWEEN 1000 AND 1199 AND alarma <> 0'), {
      what: 'all 200 alarms to be cleared',
      until: (n) => n === 0,
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    const tookMs = Date.now() - startedAt;
    const polls = a.count(/Database check:/);
    await waitFor(() => a.count(/Database check:/) >= polls + 5, { what: 'five more polls' });

    const perName = await startsPerName(starts);
    expect([...perName].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...perName.keys()].sort()).toEqual(names);
    await waitFor(() => count("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 1000 AND 1199 AND outcome <> 'in_progress'"), {
      what: 'every outcome to be recorded',
      until: (n) => n >= 200,
      timeoutMs: 30_000,
    });
    expect(await count("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 1000 AND 1199 AND outcome = 'success'")).toBe(200);
    expect(await count('SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 1000 AND 1199')).toBe(200);
    const [split] = await sql.query<RowDataPacket[]>(
      'SELECT agent_id, COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 1000 AND 1199 GROUP BY agent_id ORDER BY agent_id',
    );
    // Both worked (the race is real): neither did everything.
    expect(split.map((row) => String(row.agent_id))).toEqual(['galera-a', 'galera-b']);
    const conflicts = a.count(/write conflict/) + b.count(/write conflict/);
    console.log(
      `[galera] two agents on nodes 1 and 2, 200 alarms: all cleared in ${tookMs} ms; split ${split.map((r) => `${r.agent_id}:${r.n}`).join(' ')}; ` +
        `write conflicts (1213) retried: ${conflicts}`,
    );
  }, 180_000);

  it('a node killed with SIGKILL mid-burst: nothing lost, no double restart, its agent fails over, the node rejoins', async () => {
    const names = await register(2000, 120, 'kil');
    const a = agents[0]!;
    const b = agents[1]!;
    // The agents of the first test, still running; the kill lands once the burst is under way.
    await sql.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id BETWEEN 2000 AND 2119');
    await waitFor(() => count('SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 2000 AND 2119'), {
      what: 'the burst to be under way',
      until: (n) => n >= 10,
      timeoutMs: 30_000,
      intervalMs: 20,
    });
    const victim = cluster.nodes[0]!;
    await stopNode(victim, 'SIGKILL');
    const killedAt = Date.now();
    const aPollsAtKill = a.count(/Database check:/);

    await waitFor(() => count('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE process_id BETWEEN 2000 AND 2119 AND alarma <> 0'), {
      what: 'all 120 alarms to be cleared after the kill',
      until: (n) => n === 0,
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    const clearedMs = Date.now() - killedAt;
    // Agent A (node 1 first in its list) goes on polling through another node.
    await waitFor(() => a.count(/Database check:/) >= aPollsAtKill + 5, { what: 'agent A to poll through another node', timeoutMs: 30_000 });
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
    // It noticed: the statements it had on node 1 failed, and it went on elsewhere.
    expect(a.output()).toMatch(/Database error: .*(PROTOCOL_CONNECTION_LOST|ECONNRESET|ECONNREFUSED|1047|WSREP)/);

    // The agents' start_command still appends to the first test's file.
    const perName = await startsPerName(path.join(dir, 'starts-200.log'));
    const burst = names.map((name) => perName.get(name) ?? 0);
    expect(burst.filter((n) => n !== 1)).toEqual([]);
    // The outcome row is written just after the alarm is cleared: wait for the last ones.
    const successes = () =>
      count("SELECT COUNT(DISTINCT process_id) AS n FROM monitor_restart_history WHERE process_id BETWEEN 2000 AND 2119 AND outcome = 'success'");
    await waitFor(successes, { what: 'every outcome to be recorded', until: (n) => n >= 120, timeoutMs: 30_000 });
    // A history INSERT whose connection died as it committed is written again, the first
    // copy closed as "written twice" (README, Reliability): the only other row allowed.
    const [others] = await sql.query<RowDataPacket[]>(
      "SELECT process_id, agent_id, outcome, reason FROM monitor_restart_history WHERE process_id BETWEEN 2000 AND 2119 AND outcome <> 'success'",
    );
    console.log(`[galera] rows other than success after the kill: ${JSON.stringify(others)}`);
    expect(others.filter((row) => !/written twice/.test(String(row.reason)))).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 2000 AND 2119 AND outcome = 'success'")).toBe(120);
    expect(await count("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 2000 AND 2119 AND outcome = 'in_progress'")).toBe(0);

    const rejoinStarted = Date.now();
    await rejoinNode(cluster, victim);
    expect(await isSynced(victim)).toBe(true);
    const back = await connectToNode(victim, DATABASE);
    try {
      const [rows] = await back.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE process_id BETWEEN 2000 AND 2119 AND alarma = 0');
      expect(Number(rows[0]!.n)).toBe(120);
    } finally {
      await back.end();
    }
    console.log(
      `[galera] node 1 SIGKILLed mid-burst: 120 alarms cleared ${clearedMs} ms after the kill, each started once; ` +
        `node 1 rejoined (Synced) in ${Date.now() - rejoinStarted} ms; agent A lines mentioning the failure: ${a.count(/Database error|unavailable/)}`,
    );
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  }, 300_000);
});
