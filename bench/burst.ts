// 1. Burst: N processes put in alarm in one transaction; time until every alarm is
// cleared, with max_parallel_restarts high vs 1 (the 1-run times a sample and extrapolates).
import { readFile } from 'node:fs/promises';
import { childrenCpuSeconds, cpuSeconds, POLL_LINE, startBenchAgent, stopAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { countAlarms, createDatabase, raiseAlarms, registerProcesses, type BenchDatabase } from './lib/database.js';
import { createProcessKit, killLaunched, type ProcessKit } from './lib/processes.js';
import { round, sleepMs } from './lib/stats.js';

export const BURST_PARALLEL = 64;

export interface BurstRun {
  maxParallelRestarts: number;
  alarms: number;
  cleared: number;
  succeeded: number;
  /** COMMIT → last alarm cleared (history finished_at, written right after the clearing UPDATE). */
  elapsedMs: number;
  /** COMMIT → first procedure started (the poll wait). */
  firstStartMs: number;
  /** (last finished − first started) / alarms: one restart's share of the wall time. */
  perRestartMs: number;
  restartsPerSecond: number;
  /** Mean duration_ms of one procedure (history). */
  meanProcedureMs: number;
  agentCpuSeconds: number;
  agentCpuMsPerRestart: number;
  /** CPU of the commands the agent ran (pgrep, sh), per restart. */
  commandsCpuMsPerRestart: number;
  /** CPU of mariadbd, per restart. */
  databaseCpuMsPerRestart: number;
  /** Whole machine busy share during the run (both cores = 100 %). */
  machineBusyPercent: number;
}

export interface BurstResult {
  processes: number;
  parallel: BurstRun;
  serialSample: BurstRun;
  /** The 1-run extrapolated to all processes: first start + processes × perRestart. */
  serialExtrapolatedMs: number;
  speedup: number;
  /**
   * Diagnostic, not a target: the same burst with a health check whose cost does not grow
   * with the number of processes (pid file + kill -0, shell builtins) instead of `pgrep %s`.
   */
  pidFileHealthCheck?: BurstRun;
}

export async function runBurst(ctx: BenchContext): Promise<BurstResult> {
  const processes = ctx.quick ? 200 : 1000;
  const sample = ctx.quick ? 10 : 50;
  const dir = await ctx.dir('burst');
  const kit = await createProcessKit(dir, processes);
  ctx.trackBinDir(kit.binDir);

  ctx.note(`burst: ${processes} alarms, max_parallel_restarts=${BURST_PARALLEL}`);
  const parallel = await burstRun(ctx, dir, kit, processes, BURST_PARALLEL, processes);
  ctx.note(`burst: ${sample} alarms (sample), max_parallel_restarts=1`);
  const serialSample = await burstRun(ctx, dir, kit, processes, 1, sample);
  ctx.note(`burst (diagnostic): ${processes} alarms, max_parallel_restarts=${BURST_PARALLEL}, pid-file health check`);
  const pidFileHealthCheck = await burstRun(ctx, dir, kit, processes, BURST_PARALLEL, processes, {
    start_command: kit.pidFileStartCommand,
    health_check_command: kit.pidFileHealthCheck,
  });
  const serialExtrapolatedMs = serialSample.firstStartMs + processes * serialSample.perRestartMs;
  return {
    processes,
    parallel,
    serialSample,
    serialExtrapolatedMs: round(serialExtrapolatedMs, 0),
    speedup: round(serialExtrapolatedMs / parallel.elapsedMs, 1),
    pidFileHealthCheck,
  };
}

async function burstRun(
  ctx: BenchContext,
  dir: string,
  kit: ProcessKit,
  registered: number,
  parallel: number,
  alarms: number,
  processDefault: Record<string, string> = { start_command: kit.startCommand },
): Promise<BurstRun> {
  const db = await createDatabase(ctx.server, `bench_burst_p${parallel}_${processDefault.health_check_command ? 'pidfile' : 'pgrep'}`);
  await registerProcesses(db, registered);
  const agent = ctx.track(
    startBenchAgent({
      dir,
      socket: db.socket,
      database: db.name,
      monitor: { check_interval: 1, max_parallel_restarts: parallel },
      processDefault,
    }),
  );
  try {
    await agent.waitForLine(POLL_LINE, 30_000);
    const cpuBefore = await cpuSeconds(agent.pid);
    const childrenBefore = await childrenCpuSeconds(agent.pid);
    const serverPid = await mariadbPid(ctx);
    const dbBefore = await cpuSeconds(serverPid);
    const machineBefore = await machineTicks();
    const commit = await raiseAlarms(db, 1, alarms);
    const timeoutMs = parallel === 1 ? alarms * 3_000 + 30_000 : 180_000;
    const deadline = Date.now() + timeoutMs;
    while ((await countAlarms(db)) > 0 && Date.now() < deadline) await sleepMs(100);
    const cpuAfter = await cpuSeconds(agent.pid);
    const childrenAfter = await childrenCpuSeconds(agent.pid);
    const dbAfter = await cpuSeconds(serverPid);
    const machineAfter = await machineTicks();
    const history = await procedureTimes(db);
    const remaining = await countAlarms(db);
    const elapsedMs = history.lastFinished - commit.after;
    const perRestartMs = (history.lastFinished - history.firstStarted) / Math.max(1, history.procedures);
    const agentCpu = cpuAfter - cpuBefore;
    return {
      maxParallelRestarts: parallel,
      alarms,
      cleared: alarms - remaining,
      succeeded: history.succeeded,
      elapsedMs: round(elapsedMs, 0),
      firstStartMs: round(history.firstStarted - commit.after, 0),
      perRestartMs: round(perRestartMs, 1),
      restartsPerSecond: round((alarms - remaining) / (elapsedMs / 1000), 1),
      meanProcedureMs: round(history.meanDurationMs, 1),
      agentCpuSeconds: round(agentCpu, 2),
      agentCpuMsPerRestart: round((agentCpu * 1000) / alarms, 2),
      commandsCpuMsPerRestart: round(((childrenAfter - childrenBefore) * 1000) / alarms, 2),
      databaseCpuMsPerRestart: round(((dbAfter - dbBefore) * 1000) / alarms, 2),
      machineBusyPercent: round(busyPercent(machineBefore, machineAfter), 1),
    };
  } finally {
    await stopAgent(agent);
    await killLaunched(kit.binDir);
    await db.close();
  }
}

async function procedureTimes(
  db: BenchDatabase,
): Promise<{ procedures: number; succeeded: number; firstStarted: number; lastFinished: number; meanDurationMs: number }> {
  const rows = await db.query<Array<Record<string, string | number | null>>>(
    `SELECT COUNT(*) AS procedures, SUM(outcome = 'success') AS succeeded,
            MIN(UNIX_TIMESTAMP(started_at)) AS first_started, MAX(UNIX_TIMESTAMP(finished_at)) AS last_finished,
            AVG(duration_ms) AS mean_duration
     FROM monitor_restart_history WHERE outcome IN ('success', 'failure')`,
  );
  const row = rows[0] ?? {};
  return {
    procedures: Number(row.procedures ?? 0),
    succeeded: Number(row.succeeded ?? 0),
    firstStarted: Number(row.first_started) * 1000,
    lastFinished: Number(row.last_finished) * 1000,
    meanDurationMs: Number(row.mean_duration),
  };
}

interface Ticks {
  busy: number;
  total: number;
}

/** Whole-machine CPU ticks from /proc/stat (busy = total − idle − iowait). */
export async function machineTicks(): Promise<Ticks> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export function busyPercent(before: Ticks, after: Ticks): number {
  const total = after.total - before.total;
  return total > 0 ? ((after.busy - before.busy) / total) * 100 : Number.NaN;
}

async function mariadbPid(ctx: BenchContext): Promise<number> {
  return Number((await readFile(ctx.server.pidFile, 'utf8')).trim());
}
