// 3. Idle cost: 1,000 registered processes, no alarm, check_interval = 1. Over the
// window: CPU seconds (/proc/PID/stat), peak RSS (VmHWM), every statement the agent
// sent (slow log at long_query_time = 0: count, server time, rows examined), and
// MariaDB's Questions / Com_select deltas as a cross-check.
import path from 'node:path';
import { cpuSeconds, memoryMb, POLL_LINE, startBenchAgent, stopAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { createDatabase, registerProcesses, type BenchDatabase } from './lib/database.js';
import { logSize, parseSlowLog, readWindow } from './lib/slowLog.js';
import { mean, median, round, sleepMs } from './lib/stats.js';

export interface IdleResult {
  registered: number;
  checkIntervalS: number;
  windowS: number;
  agentCpuSeconds: number;
  /** CPU time / wall time, in % of one core. */
  cpuPercentOfOneCore: number;
  peakRssMb: number;
  rssMb: number;
  polls: number;
  statements: number;
  statementsPerPoll: number;
  /** The same excluding the heartbeat (UPDATE monitor_agent, at most every 30 s), its look for silent agents and connection set-ups. */
  pollQueriesPerPoll: number;
  heartbeats: number;
  otherStatements: string[];
  /** Server-side time of the poll query (slow log Query_time). */
  dbTimePerPollMedianMs: number;
  dbTimePerPollMeanMs: number;
  rowsExaminedPerPoll: number;
  /** Cross-check from SHOW GLOBAL STATUS (our own SHOW excluded). */
  questionsPerPoll: number;
  comSelectPerPoll: number;
}

export async function runIdle(ctx: BenchContext): Promise<IdleResult> {
  const registered = 1000;
  const windowS = ctx.quick ? 10 : 60;
  const dir = await ctx.dir('idle');
  const slowLog = path.join(dir, 'slow.log');
  const db = await createDatabase(ctx.server, 'bench_idle');
  await registerProcesses(db, registered);
  // Session values are copied at connect: set them before the agent connects.
  await db.query(`SET GLOBAL slow_query_log_file = ?`, [slowLog]);
  await db.query('SET GLOBAL long_query_time = 0');
  await db.query('SET GLOBAL log_slow_admin_statements = ON');
  await db.query('SET GLOBAL slow_query_log = ON');
  const agent = ctx.track(startBenchAgent({ dir, socket: db.socket, database: db.name, monitor: { check_interval: 1 } }));
  try {
    await agent.waitForLine(POLL_LINE, 30_000);
    await sleepMs(1_500);
    const ownThread = Number((await db.query<Array<{ id: number }>>('SELECT CONNECTION_ID() AS id'))[0]?.id);

    const status0 = await globalStatus(db);
    const offset0 = await logSize(slowLog);
    const cpu0 = await cpuSeconds(agent.pid);
    const t0 = performance.now();
    ctx.note(`idle: watching the agent for ${windowS} s`);
    await sleepMs(windowS * 1000);
    const cpu1 = await cpuSeconds(agent.pid);
    const t1 = performance.now();
    const offset1 = await logSize(slowLog);
    const status1 = await globalStatus(db);
    const memory = await memoryMb(agent.pid);

    const statements = parseSlowLog(await readWindow(slowLog, offset0, offset1)).filter((s) => s.threadId !== ownThread);
    const polls = statements.filter((s) => /FROM STATUS_PROCESS s\b/.test(s.sql));
    const heartbeats = statements.filter((s) => /UPDATE monitor_agent SET last_poll_at/.test(s.sql));
    // Beside each heartbeat the agent looks for agents gone silent (issue 12), and a pool connection
    // closed after its idle time is set up again: neither is the poll's.
    const besidePolls = statements.filter((s) => /FROM monitor_agent\b/.test(s.sql) || /^\s*SET SESSION\b/i.test(s.sql));
    const others = statements.filter((s) => !polls.includes(s) && !heartbeats.includes(s));
    const wallS = (t1 - t0) / 1000;
    const pollCount = Math.max(1, polls.length);
    return {
      registered,
      checkIntervalS: 1,
      windowS: round(wallS, 1),
      agentCpuSeconds: round(cpu1 - cpu0, 2),
      cpuPercentOfOneCore: round(((cpu1 - cpu0) / wallS) * 100, 2),
      peakRssMb: round(memory.peakRssMb, 1),
      rssMb: round(memory.rssMb, 1),
      polls: polls.length,
      statements: statements.length,
      statementsPerPoll: round(statements.length / pollCount, 3),
      pollQueriesPerPoll: round((statements.length - heartbeats.length - besidePolls.length) / pollCount, 3),
      heartbeats: heartbeats.length,
      otherStatements: others.map((s) => s.sql.replace(/\s+/g, ' ').slice(0, 120)),
      dbTimePerPollMedianMs: round(median(polls.map((s) => s.queryTimeMs)), 3),
      dbTimePerPollMeanMs: round(mean(polls.map((s) => s.queryTimeMs)), 3),
      rowsExaminedPerPoll: round(mean(polls.map((s) => s.rowsExamined)), 1),
      // Questions counts our second SHOW STATUS too.
      questionsPerPoll: round((status1.Questions - status0.Questions - 1) / pollCount, 3),
      comSelectPerPoll: round((status1.Com_select - status0.Com_select) / pollCount, 3),
    };
  } finally {
    await stopAgent(agent);
    await db.query('SET GLOBAL slow_query_log = OFF').catch(() => undefined);
    await db.query('SET GLOBAL long_query_time = 10').catch(() => undefined);
    await db.close();
  }
}

async function globalStatus(db: BenchDatabase): Promise<{ Questions: number; Com_select: number }> {
  const rows = await db.query<Array<{ Variable_name: string; Value: string }>>("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select')");
  const get = (name: string): number => Number(rows.find((row) => row.Variable_name === name)?.Value ?? Number.NaN);
  return { Questions: get('Questions'), Com_select: get('Com_select') };
}
