// 6. Several hosts at scale, simulated on one machine (README "Several hosts"): A agents
// (in-process, each its own agent_group and pool) share one database with P registered
// processes assigned round-robin to the groups; bursts of alarms spread over all groups.
// Checks that no alarm is handled by the wrong group and none twice (each restart appends
// "group name" to a file), and measures database queries per second (Questions) and the
// rows one agent's poll examines (Handler_read_*), as agents and processes grow.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { Agent, openAgentDatabase } from '../src/agent/Agent.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { pollAlarms } from '../src/db/sql/pollAlarms.js';
import type { Database } from '../src/db/Database.js';
import { createLogger } from '../src/log/createLogger.js';
import type { BenchContext } from './lib/context.js';
import { createDatabase } from './lib/database.js';

export interface ScaleOptions {
  socket: string;
  database: string;
  dir: string;
  agents: number;
  processes: number;
  bursts: number;
  burstSize: number;
}

export interface ScalePoint {
  agents: number;
  processes: number;
  alarms: number;
  /** Alarms restarted by an agent of another group (must be 0). */
  wrongGroup: number;
  /** Processes started more than once (must be 0). */
  startedTwice: number;
  /** Alarms never restarted (must be 0). */
  missed: number;
  durationS: number;
  /** Statements the server received per second while the agents ran (Questions delta). */
  queriesPerSecond: number;
  /** InnoDB rows one agent's poll reads with `burstSize` alarms set (Handler_read_* delta). */
  rowsReadPerPoll: number;
}

const FIRST_ID = 500_001;
const groupOf = (index: number): string => `g${String(index).padStart(2, '0')}`;

export async function runScaleScenario(options: ScaleOptions): Promise<ScalePoint> {
  const root = await mysql.createConnection({ socketPath: options.socket, user: 'root', database: options.database });
  const agents: Agent[] = [];
  try {
    await register(root, options);
    const starts = path.join(options.dir, 'starts.log');
    await writeFile(starts, '');
    const polled = new Set<number>();
    for (let i = 0; i < options.agents; i++) {
      const agent = await inProcessAgent(options, i, starts);
      agent.events.onAny('scale', (event) => {
        if (event.type === 'poll.finished') polled.add(i);
      });
      agents.push(agent);
    }
    const running = agents.map((agent) => agent.run());
    await until(() => polled.size === options.agents, 60_000, 'every agent to poll once');

    const before = await questions(root);
    const started = performance.now();
    const raised: number[] = [];
    for (let burst = 0; burst < options.bursts; burst++) {
      // Spread over every group: ids a step apart, shifted by the burst.
      const step = Math.max(1, Math.floor(options.processes / options.burstSize));
      const ids = Array.from({ length: options.burstSize }, (_, k) => FIRST_ID + ((k * step + burst) % options.processes));
      raised.push(...ids);
      await root.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (?)', [ids]);
      await until(async () => (await alarmsLeft(root)) === 0, 120_000, `burst ${burst + 1} to be cleared`);
    }
    const durationS = (performance.now() - started) / 1000;
    const after = await questions(root);
    await Promise.all(agents.map((agent) => agent.stop(1000)));
    await Promise.all(running);

    const verdict = await judgeStarts(starts, raised, options);
    const rowsReadPerPoll = await pollCost(options, root, raised.slice(0, options.burstSize));
    return {
      agents: options.agents,
      processes: options.processes,
      alarms: raised.length,
      ...verdict,
      durationS: Math.round(durationS * 10) / 10,
      // Minus our own status reads and polling of the alarm count (a few per second).
      queriesPerSecond: Math.round((after - before) / durationS),
      rowsReadPerPoll,
    };
  } finally {
    await Promise.all(agents.map((agent) => agent.stop(0).catch(() => undefined)));
    await root.end().catch(() => undefined);
  }
}

/** P processes, as the guide registers them, then assigned round-robin: the README's INSERT, in bulk. */
async function register(root: mysql.Connection, options: ScaleOptions): Promise<void> {
  const seq = `seq_0_to_${options.processes - 1}`;
  await root.query(`INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) SELECT ${FIRST_ID} + seq, 0, 0, 'scale' FROM ${seq}`);
  await root.query(`INSERT INTO PROCESE (process_id, process_name) SELECT ${FIRST_ID} + seq, CONCAT('sc', seq) FROM ${seq}`);
  await root.query(`INSERT INTO monitor_process_host (process_id, host) SELECT ${FIRST_ID} + seq, CONCAT('g', LPAD(seq % ?, 2, '0')) FROM ${seq}`, [
    options.agents,
  ]);
  await root.query('ANALYZE TABLE STATUS_PROCESS, PROCESE, monitor_process_host');
}

async function inProcessAgent(options: ScaleOptions, index: number, starts: string): Promise<Agent> {
  const file = path.join(options.dir, `agent${index}.ini`);
  const group = groupOf(index);
  await writeFile(
    file,
    [
      '[database]',
      `socket = ${options.socket}`,
      'user = root',
      `database = ${options.database}`,
      '[monitor]',
      'check_interval = 0.5',
      `agent_id = scale-${group}`,
      `agent_group = ${group}`,
      'take_unassigned = no',
      'max_parallel_restarts = 2',
      'claim_lease = 30',
      '[logging]',
      `log_file = ${path.join(options.dir, `agent${index}.log`)}`,
      'level = WARNING',
      '[process.default]',
      'restart_strategy = process',
      'process_launcher = detach',
      `start_command = "echo ${group} %s >> ${starts}"`,
      'health_check_command = true',
      'max_attempts = 1',
      'restart_delay = 0',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const config = loadConfig(file);
  const log = createLogger(config.logging, { console: false });
  return new Agent(config, openAgentDatabase(config.database, config.monitor.max_parallel_restarts), log, { version: 'bench' });
}

async function judgeStarts(starts: string, raised: number[], options: ScaleOptions): Promise<Pick<ScalePoint, 'wrongGroup' | 'startedTwice' | 'missed'>> {
  const lines = (await readFile(starts, 'utf8')).split('\n').filter(Boolean);
  const perName = new Map<string, number>();
  let wrongGroup = 0;
  for (const line of lines) {
    const [group, name] = line.split(' ') as [string, string];
    const id = Number(name.slice(2));
    if (group !== groupOf(id % options.agents)) wrongGroup++;
    perName.set(name, (perName.get(name) ?? 0) + 1);
  }
  // A burst may raise a process that an earlier one already restarted: count per raise.
  const raisedPerName = new Map<string, number>();
  for (const id of raised) raisedPerName.set(`sc${id - FIRST_ID}`, (raisedPerName.get(`sc${id - FIRST_ID}`) ?? 0) + 1);
  let startedTwice = 0;
  let missed = 0;
  for (const [name, times] of raisedPerName) {
    const started = perName.get(name) ?? 0;
    if (started > times) startedTwice++;
    if (started < times) missed++;
  }
  for (const name of perName.keys()) if (!raisedPerName.has(name)) startedTwice++;
  return { wrongGroup, startedTwice, missed };
}

/** Rows one agent's own poll reads with `ids` in alarm (all groups), on one session. */
async function pollCost(options: ScaleOptions, root: mysql.Connection, ids: number[]): Promise<number> {
  await root.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (?)', [ids]);
  const pool = mysql.createPool({ socketPath: options.socket, user: 'root', database: options.database, connectionLimit: 1 });
  const db: Database = { pool, queryTimeoutMs: 10_000 };
  try {
    const reads = async (): Promise<number> => {
      const connection = await pool.getConnection();
      try {
        const [rows] = await connection.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Handler_read%'");
        return rows.reduce((sum, row) => sum + Number(row.Value), 0);
      } finally {
        connection.release();
      }
    };
    const placement = { agentGroup: groupOf(0), takeUnassigned: false };
    await pollAlarms(db, placement);
    const a = await reads();
    const b = await reads();
    const polls = 20;
    for (let i = 0; i < polls; i++) await pollAlarms(db, placement);
    const c = await reads();
    return Math.round(((c - b - (b - a)) / polls) * 10) / 10;
  } finally {
    await pool.end();
    await root.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id IN (?)', [ids]);
  }
}

async function questions(root: mysql.Connection): Promise<number> {
  const [rows] = await root.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(rows[0]?.Value ?? 0);
}

async function alarmsLeft(root: mysql.Connection): Promise<number> {
  const [rows] = await root.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE alarma <> 0');
  return Number(rows[0]?.n ?? 0);
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ClusterScaleResult {
  points: ScalePoint[];
}

/**
 * The bench entry (`--only=hosts`): agents and processes grow; alarms per burst stay
 * 100. Queries per second should grow with the agents (each polls) and the rows read
 * per poll stay flat (they follow the alarms, not the processes or the agents).
 */
export async function runClusterScale(ctx: BenchContext): Promise<ClusterScaleResult> {
  const grid = ctx.quick
    ? [
        { agents: 5, processes: 1000 },
        { agents: 10, processes: 10_000 },
      ]
    : [
        { agents: 5, processes: 1000 },
        { agents: 5, processes: 10_000 },
        { agents: 20, processes: 10_000 },
        { agents: 50, processes: 10_000 },
      ];
  const points: ScalePoint[] = [];
  for (const { agents, processes } of grid) {
    ctx.note(`hosts: ${agents} agents, ${processes} processes, 2 bursts of 100 alarms`);
    const db = await createDatabase(ctx.server, `bench_hosts_${agents}_${processes}`);
    try {
      // 50 agents hold up to 4 connections each.
      await db.query('SET GLOBAL max_connections = 1000');
      points.push(
        await runScaleScenario({
          socket: db.socket,
          database: db.name,
          dir: await ctx.dir(`hosts-${agents}-${processes}`),
          agents,
          processes,
          bursts: 2,
          burstSize: 100,
        }),
      );
    } finally {
      await db.query(`DROP DATABASE ${db.name}`).catch(() => undefined);
      await db.close();
    }
  }
  return { points };
}
