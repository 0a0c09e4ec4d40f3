// Runs the selected benchmarks against one private MariaDB, judges them against the
// issue's targets, and builds the report (table + JSON). Everything started is stopped.
import os from 'node:os';
import { makeTempDir, removeTempDir } from '../../test/support/tempDir.js';
import { runBurst, type BurstResult } from '../burst.js';
import { runClusterScale, type ClusterScaleResult } from '../clusterScale.js';
import { runIdle, type IdleResult } from '../idle.js';
import { runLogWatches, type LogWatchesResult } from '../logWatches.js';
import { runReaction, type ReactionResult } from '../reaction.js';
import { runRejected, type RejectedResult } from '../rejected.js';
import { runRegistryScale, type RegistryResult } from '../registryScale.js';
import { runStartup, type StartupResult } from '../startup.js';
import { Cleanup, createContext } from './context.js';
import { serverVersion, startServer, stopServer, type MariadbServer } from './database.js';
import { machineInfo, type MachineInfo } from './machine.js';

export const BENCHMARKS = ['burst', 'reaction', 'idle', 'registry', 'startup', 'rejected', 'watches', 'hosts', 'reaction-binlog'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface RunOptions {
  quick: boolean;
  only: readonly BenchmarkName[];
  /** Registry sizes (default: 1k, 10k, 100k; quick: 1k, 10k). */
  registrySizes?: number[];
  note?: (message: string) => void;
}

export interface Verdict {
  benchmark: BenchmarkName;
  figure: string;
  value: string;
  target: string;
  met: boolean | null;
}

export interface BenchReport {
  generatedAt: string;
  quick: boolean;
  durationS: number;
  machine: MachineInfo;
  results: {
    burst?: BurstResult;
    reaction?: ReactionResult;
    reactionBinlog?: ReactionResult;
    idle?: IdleResult;
    registry?: RegistryResult;
    startup?: StartupResult;
    rejected?: RejectedResult;
    watches?: LogWatchesResult;
    hosts?: ClusterScaleResult;
  };
  verdicts: Verdict[];
}

export async function runBenchmarks(options: RunOptions, cleanup = new Cleanup()): Promise<BenchReport> {
  const note = options.note ?? (() => undefined);
  const started = performance.now();
  const workDir = await makeTempDir('monitor-bench-');
  let server: MariadbServer | undefined;
  try {
    note('starting a private MariaDB');
    server = await startServer();
    const machine = await machineInfo(await serverVersion(server));
    const ctx = createContext(server, workDir, options.quick, cleanup, note);
    const results: BenchReport['results'] = {};
    const want = (name: BenchmarkName): boolean => options.only.includes(name);
    // Cheapest first; the idle measurement runs before the burst leaves the machine warm.
    if (want('startup')) results.startup = await runStartup(ctx);
    if (want('registry')) results.registry = await runRegistryScale(ctx, options.registrySizes);
    if (want('idle')) results.idle = await runIdle(ctx);
    if (want('rejected')) results.rejected = await runRejected(ctx);
    if (want('reaction')) results.reaction = await runReaction(ctx);
    if (want('reaction-binlog')) results.reactionBinlog = await runReaction(ctx, 'binlog');
    if (want('burst')) results.burst = await runBurst(ctx);
    if (want('watches')) results.watches = await runLogWatches(ctx);
    if (want('hosts')) results.hosts = await runClusterScale(ctx);
    machine.loadAverageEnd = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
    return {
      generatedAt: new Date().toISOString(),
      quick: options.quick,
      durationS: Math.round((performance.now() - started) / 100) / 10,
      machine,
      results,
      verdicts: judge(results),
    };
  } finally {
    await cleanup.run();
    if (server) await stopServer(server).catch(() => undefined);
    await removeTempDir(workDir);
  }
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** The targets, for this 2-core machine. */
export function judge(results: BenchReport['results']): Verdict[] {
  const verdicts: Verdict[] = [];
  const add = (benchmark: BenchmarkName, figure: string, value: string, target: string, met: boolean | null): void => {
    verdicts.push({ benchmark, figure, value, target, met });
  };
  const { burst, reaction, reactionBinlog, idle, registry, startup, rejected, watches, hosts } = results;
  for (const point of hosts?.points ?? []) {
    const label = `${point.agents} agents x ${point.processes} processes`;
    const clean = point.wrongGroup === 0 && point.startedTwice === 0 && point.missed === 0;
    add(
      'hosts',
      `${label}: ${point.alarms} alarms, wrong group / twice / missed`,
      `${point.wrongGroup} / ${point.startedTwice} / ${point.missed}`,
      '0 / 0 / 0',
      clean,
    );
    add('hosts', `${label}: queries per second, all agents`, String(point.queriesPerSecond), '', null);
    add('hosts', `${label}: rows read per poll, 100 alarms set`, String(point.rowsReadPerPoll), '< 600 (follows alarms)', point.rowsReadPerPoll < 600);
  }
  if (burst) {
    const p = burst.parallel;
    add(
      'burst',
      `${burst.processes} alarms cleared, default settings`,
      `${(p.elapsedMs / 1000).toFixed(2)} s (${p.cleared}/${p.alarms} cleared)`,
      '≤ 5 s, all cleared',
      p.elapsedMs <= 5_000 && p.cleared === p.alarms,
    );
    const sh = burst.shell;
    add(
      'burst',
      `the same burst, sequential shell agent (bench/shellAgent.sh)`,
      `${(sh.elapsedMs / 1000).toFixed(1)} s (${sh.cleared}/${sh.alarms} cleared)`,
      '',
      null,
    );
    add('burst', 'speed-up over the shell agent, same run', `${burst.speedup.toFixed(1)}×`, '≥ 20×', burst.speedup >= 20 && sh.cleared === sh.alarms);
    add('burst', 'restarts per second (default settings)', p.restartsPerSecond.toFixed(1), '', null);
    add(
      'burst',
      'CPU per restart: agent / launch helper / commands waited for / mariadbd',
      `${p.agentCpuMsPerRestart.toFixed(1)} / ${p.helperCpuMsPerRestart.toFixed(1)} / ${p.commandsCpuMsPerRestart.toFixed(1)} / ${p.databaseCpuMsPerRestart.toFixed(1)} ms`,
      '',
      null,
    );
    add(
      'burst',
      "agent's main thread CPU per restart (the JavaScript; its ceiling with cores to spare: 1000 / this restarts/s)",
      `${p.agentMainThreadCpuMsPerRestart.toFixed(2)} ms`,
      '',
      null,
    );
    add('burst', 'CPU per restart: shell agent and all it ran', `${sh.cpuMsPerRestart.toFixed(1)} ms`, '', null);
    add('burst', `machine busy during burst (${os.cpus().length} cores = 100 %)`, `${p.machineBusyPercent.toFixed(0)} %`, '', null);
    const s = burst.serialSample.procedureMs;
    add(
      'burst',
      `one restart (process strategy, pgrep %s), procedure start → verified, p50/p99 (n=${s.n})`,
      `${ms(s.p50)} / ${ms(s.p99)}`,
      'p50 ≤ 30 ms',
      s.p50 <= 30,
    );
  }
  if (reaction) {
    const { toStart, toCleared } = reaction;
    add(
      'reaction',
      `commit → restart started, p50/p95/p99 (n=${toStart.n})`,
      `${ms(toStart.p50)} / ${ms(toStart.p95)} / ${ms(toStart.p99)}`,
      'p99 ≤ 1100 ms',
      toStart.p99 <= 1100 && toStart.n >= reaction.alarms,
    );
    add('reaction', `commit → alarm cleared, p50/p95/p99 (n=${toCleared.n})`, `${ms(toCleared.p50)} / ${ms(toCleared.p95)} / ${ms(toCleared.p99)}`, '', null);
    add('reaction', 'commit → restart started, min / max', `${ms(toStart.min)} / ${ms(toStart.max)}`, '', null);
  }
  if (reactionBinlog) {
    const { toStart, toCleared } = reactionBinlog;
    add(
      'reaction-binlog',
      `wake = binlog, check_interval = 60: commit → restart started, p50/p95/p99 (n=${toStart.n})`,
      `${ms(toStart.p50)} / ${ms(toStart.p95)} / ${ms(toStart.p99)}`,
      'p99 ≤ 50 ms',
      toStart.p99 <= 50 && toStart.n >= reactionBinlog.alarms,
    );
    add(
      'reaction-binlog',
      `wake = binlog: commit → alarm cleared, p50/p95/p99 (n=${toCleared.n})`,
      `${ms(toCleared.p50)} / ${ms(toCleared.p95)} / ${ms(toCleared.p99)}`,
      '',
      null,
    );
  }
  if (idle) {
    add(
      'idle',
      `agent CPU over ${idle.windowS} s`,
      `${idle.agentCpuSeconds.toFixed(2)} s = ${idle.cpuPercentOfOneCore.toFixed(2)} % of a core`,
      '≤ 1 %',
      idle.cpuPercentOfOneCore <= 1,
    );
    add('idle', 'peak RSS (VmHWM)', `${idle.peakRssMb.toFixed(1)} MB`, '≤ 80 MB', idle.peakRssMb <= 80);
    add(
      'idle',
      `queries per poll (${idle.polls} polls; heartbeat, its look for silent agents, connection set-ups excluded)`,
      idle.pollQueriesPerPoll.toFixed(2),
      '1',
      idle.pollQueriesPerPoll <= 1.0001,
    );
    add('idle', 'heartbeat UPDATEs in the window', String(idle.heartbeats), '≤ 1 per 30 s', idle.heartbeats <= Math.ceil(idle.windowS / 30));
    add('idle', 'statements per poll (Questions / Com_select delta)', `${idle.questionsPerPoll.toFixed(2)} / ${idle.comSelectPerPoll.toFixed(2)}`, '', null);
    add('idle', 'DB time per poll, median (server side)', `${idle.dbTimePerPollMedianMs.toFixed(3)} ms, ${idle.rowsExaminedPerPoll} rows examined`, '', null);
  }
  if (registry) {
    for (const point of registry.points) {
      add(
        'registry',
        `poll with ${point.registered.toLocaleString('en')} registered, ${point.alarms} alarms`,
        `${point.medianMs.toFixed(3)} ms median, ${point.rowsReadPerPoll} rows read`,
        '',
        null,
      );
    }
    const reads = registry.points.map((p) => p.rowsReadPerPoll);
    const flat = reads.every((r) => r <= (reads[0] ?? 0) + 2);
    add(
      'registry',
      'growth (largest / smallest median), index',
      `${registry.growth.toFixed(2)}×, ${registry.indexUsed ? 'idx_status_process_alarma' : 'NO INDEX'}`,
      'rows read flat, ≤ 1.5×, index used',
      flat && registry.growth <= 1.5 && registry.indexUsed,
    );
  }
  if (rejected) {
    add(
      'rejected',
      `${rejected.rows.toLocaleString('en')} rejected rows in alarm: RSS steady / peak`,
      `${rejected.steadyRssMb.toFixed(1)} MB / ${rejected.peakRssMb.toFixed(1)} MB`,
      'steady < 100 MB',
      rejected.steadyRssMb < 100 && rejected.recorded >= rejected.rows,
    );
    add(
      'rejected',
      'all recorded after / CPU while they stay in alarm',
      `${rejected.recordedAfterS.toFixed(1)} s / ${rejected.steadyCpuPercent.toFixed(1)} % of a core`,
      '',
      null,
    );
  }
  if (startup) {
    add(
      'startup',
      `exec → first poll, median / max (${startup.runs} runs)`,
      `${ms(startup.toFirstPoll.p50)} / ${ms(startup.toFirstPoll.max)}`,
      '≤ 500 ms',
      startup.toFirstPoll.max <= 500,
    );
    add('startup', 'exec → first log line (modules loaded), median', ms(startup.toFirstLogLine.p50), '', null);
    add(
      'startup',
      'SIGTERM → exit when idle, median / max',
      `${ms(startup.sigtermToExit.p50)} / ${ms(startup.sigtermToExit.max)}`,
      '≤ 500 ms',
      startup.sigtermToExit.max <= 500 && startup.exitCodes.every((c) => c === 0),
    );
    add('startup', 'bare `node -e 0`', ms(startup.bareNodeMs), '', null);
  }
  if (watches) {
    add(
      'watches',
      `agent CPU, ${watches.watches} log watches (every ${watches.watchIntervalS} s) over ${watches.windowS} s`,
      `${watches.agentCpuSeconds.toFixed(2)} s = ${watches.cpuPercentOfOneCore.toFixed(2)} % of a core`,
      '',
      null,
    );
    add('watches', 'peak RSS (VmHWM) / RSS at the end', `${watches.peakRssMb.toFixed(1)} / ${watches.rssMb.toFixed(1)} MB`, '', null);
    add(
      'watches',
      'written to the files (all of them), read by the watches',
      `${watches.linesWrittenPerSecond.toLocaleString('en')} lines/s, ${(watches.bytesWrittenPerSecond / 1024).toFixed(0)} KiB/s`,
      '',
      null,
    );
    add('watches', 'watches that fell behind or could not read', String(watches.warnings), '0', watches.warnings === 0);
  }
  return verdicts;
}

/** A plain-text table of the verdicts. */
export function formatTable(report: BenchReport): string {
  const header = ['Benchmark', 'Figure', 'Value', 'Target', 'Met'];
  const rows = report.verdicts.map((v) => [v.benchmark, v.figure, v.value, v.target, v.met === null ? '' : v.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const m = report.machine;
  const machine = `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, MariaDB ${m.mariadb}; load average ${m.loadAverageStart} at start, ${m.loadAverageEnd ?? '?'} at end`;
  return [machine, '', line(header), rule, ...rows.map(line)].join('\n');
}
