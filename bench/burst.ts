// 1. Burst: N real processes put in alarm in one transaction; time until every alarm is
// cleared — by the agent with its default max_parallel_restarts, and, in the same run, by
// the sequential shell agent of the guide (bench/shellAgent.sh: bash + the mysql client).
// The processes were killed before (none runs). A sample one at a time (max_parallel_restarts = 1) gives one restart's duration.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { childrenCpuSeconds, cpuSeconds, mainThreadCpuSeconds, POLL_LINE, startBenchAgent, stopAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { countAlarms, createDatabase, raiseAlarms, registerProcesses, type BenchDatabase } from './lib/database.js';
import { createProcessKit, killLaunched, type ProcessKit } from './lib/processes.js';
import { round, sleepMs, summarize, type Summary } from './lib/stats.js';
import { launchHelperPids } from '../test/support/launchHelperPids.js';

const SHELL_AGENT = fileURLToPath(new URL('./shellAgent.sh', import.meta.url));

export interface BurstRun {
  maxParallelRestarts: number | 'default';
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
  /** Duration of one procedure (history duration_ms: claimed → verified healthy → cleared). */
  procedureMs: Summary;
  agentCpuSeconds: number;
  agentCpuMsPerRestart: number;
  /** The agent's main thread alone: the ceiling of restarts per second on a host with cores to spare is 1000 / this. */
  agentMainThreadCpuMsPerRestart: number;
  /** CPU of the commands the agent ran and waited for, per restart (launched processes still run). */
  commandsCpuMsPerRestart: number;
  /** CPU of the launch helper (the agent's child that forks start commands in a burst), per restart. */
  helperCpuMsPerRestart: number;
  /** CPU of mariadbd, per restart. */
  databaseCpuMsPerRestart: number;
  /** Whole machine busy share during the run (all cores = 100 %). */
  machineBusyPercent: number;
}

/** The sequential shell agent clearing the same burst. */
export interface ShellRun {
  alarms: number;
  cleared: number;
  /** COMMIT → the count of alarms seen at 0 (polled every 100 ms). */
  elapsedMs: number;
  perRestartMs: number;
  /** CPU of bash and everything it ran (mysql, pgrep, pkill, sh), per restart. */
  cpuMsPerRestart: number;
}

export interface BurstResult {
  processes: number;
  /** The agent with its default settings (max_parallel_restarts and all). */
  parallel: BurstRun;
  /** One at a time: one restart, procedure start → verified health. */
  serialSample: BurstRun;
  shell: ShellRun;
  /** shell.elapsedMs / parallel.elapsedMs, measured in the same run. */
  speedup: number;
}

export async function runBurst(ctx: BenchContext): Promise<BurstResult> {
  const processes = ctx.quick ? 200 : 1000;
  const sample = ctx.quick ? 20 : 100;
  const dir = await ctx.dir('burst');
  const kit = await createProcessKit(dir, processes);
  ctx.trackBinDir(kit.binDir);

  ctx.note(`burst: ${processes} alarms, default settings`);
  const parallel = await burstRun(ctx, dir, kit, processes, undefined, processes);
  ctx.note(`burst: ${sample} alarms (sample), max_parallel_restarts=1`);
  const serialSample = await burstRun(ctx, dir, kit, processes, 1, sample);
  ctx.note(`burst: ${processes} alarms, the sequential shell agent (bench/shellAgent.sh)`);
  const shell = await shellRun(ctx, kit, processes);
  return { processes, parallel, serialSample, shell, speedup: round(shell.elapsedMs / parallel.elapsedMs, 1) };
}

async function shellRun(ctx: BenchContext, kit: ProcessKit, processes: number): Promise<ShellRun> {
  const db = await createDatabase(ctx.server, 'bench_burst_shell');
  await registerProcesses(db, processes);
  const agent = spawn(SHELL_AGENT, [db.socket, db.name, kit.startCommand, '1'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => agent.once('exit', () => resolve()));
  try {
    await sleepMs(1500); // its first (empty) poll has run; the timing counts from the COMMIT anyway
    const pid = agent.pid ?? 0;
    const before = (await cpuSeconds(pid)) + (await childrenCpuSeconds(pid));
    const commit = await raiseAlarms(db, 1, processes);
    const deadline = Date.now() + processes * 2_000 + 30_000;
    let remaining = processes;
    while (remaining > 0 && Date.now() < deadline) {
      await sleepMs(100);
      remaining = await countAlarms(db);
    }
    const elapsedMs = performance.timeOrigin + performance.now() - commit.after;
    await sleepMs(1200); // the loop's last pipeline has been waited for: its CPU is in cutime
    const cpu = (await cpuSeconds(pid)) + (await childrenCpuSeconds(pid)) - before;
    return {
      alarms: processes,
      cleared: processes - remaining,
      elapsedMs: round(elapsedMs, 0),
      perRestartMs: round(elapsedMs / processes, 1),
      cpuMsPerRestart: round((cpu * 1000) / processes, 2),
    };
  } finally {
    agent.kill('SIGKILL');
    await exited;
    await killLaunched(kit.binDir);
    await db.close();
  }
}

export async function burstRun(
  ctx: BenchContext,
  dir: string,
  kit: ProcessKit,
  registered: number,
  parallel: number | undefined,
  alarms: number,
): Promise<BurstRun> {
  const db = await createDatabase(ctx.server, `bench_burst_p${parallel ?? 'default'}`);
  await registerProcesses(db, registered);
  const agent = ctx.track(
    startBenchAgent({
      dir,
      socket: db.socket,
      database: db.name,
      monitor: { check_interval: 1, ...(parallel === undefined ? {} : { max_parallel_restarts: parallel }) },
      processDefault: { start_command: kit.startCommand },
    }),
  );
  try {
    await agent.waitForLine(POLL_LINE, 30_000);
    const cpuBefore = await cpuSeconds(agent.pid);
    const mainThreadBefore = await mainThreadCpuSeconds(agent.pid);
    const childrenBefore = await childrenCpuSeconds(agent.pid);
    const serverPid = await mariadbPid(ctx);
    const dbBefore = await cpuSeconds(serverPid);
    const machineBefore = await machineTicks();
    const commit = await raiseAlarms(db, 1, alarms);
    const timeoutMs = parallel === 1 ? alarms * 3_000 + 30_000 : 180_000;
    const deadline = Date.now() + timeoutMs;
    while ((await countAlarms(db)) > 0 && Date.now() < deadline) await sleepMs(100);
    const cpuAfter = await cpuSeconds(agent.pid);
    const mainThreadAfter = await mainThreadCpuSeconds(agent.pid);
    const childrenAfter = await childrenCpuSeconds(agent.pid);
    // The helper starts during the burst (it used nothing before) and is still running.
    let helperCpu = 0;
    for (const pid of launchHelperPids(agent.pid)) helperCpu += await cpuSeconds(pid);
    const dbAfter = await cpuSeconds(serverPid);
    const machineAfter = await machineTicks();
    const history = await procedureTimes(db);
    const remaining = await countAlarms(db);
    const elapsedMs = history.lastFinished - commit.after;
    const perRestartMs = (history.lastFinished - history.firstStarted) / Math.max(1, history.procedures);
    const agentCpu = cpuAfter - cpuBefore;
    return {
      maxParallelRestarts: parallel ?? 'default',
      alarms,
      cleared: alarms - remaining,
      succeeded: history.succeeded,
      elapsedMs: round(elapsedMs, 0),
      firstStartMs: round(history.firstStarted - commit.after, 0),
      perRestartMs: round(perRestartMs, 1),
      restartsPerSecond: round((alarms - remaining) / (elapsedMs / 1000), 1),
      procedureMs: summarize(history.durations),
      agentCpuSeconds: round(agentCpu, 2),
      agentCpuMsPerRestart: round((agentCpu * 1000) / alarms, 2),
      agentMainThreadCpuMsPerRestart: round(((mainThreadAfter - mainThreadBefore) * 1000) / alarms, 2),
      commandsCpuMsPerRestart: round(((childrenAfter - childrenBefore) * 1000) / alarms, 2),
      helperCpuMsPerRestart: round((helperCpu * 1000) / alarms, 2),
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
): Promise<{ procedures: number; succeeded: number; firstStarted: number; lastFinished: number; durations: number[] }> {
  const rows = await db.query<Array<Record<string, string | number | null>>>(
    `SELECT outcome, UNIX_TIMESTAMP(started_at) AS started, UNIX_TIMESTAMP(finished_at) AS finished, duration_ms
     FROM monitor_restart_history WHERE outcome IN ('success', 'failure')`,
  );
  const started = rows.map((row) => Number(row.started) * 1000);
  const finished = rows.map((row) => Number(row.finished) * 1000);
  return {
    procedures: rows.length,
    succeeded: rows.filter((row) => row.outcome === 'success').length,
    firstStarted: Math.min(...started),
    lastFinished: Math.max(...finished),
    durations: rows.map((row) => Number(row.duration_ms)),
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
