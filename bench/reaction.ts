// 2. Reaction: alarms committed one at a time at random moments; COMMIT → start_command
// running (it writes `date +%s.%N`), and COMMIT → alarm cleared. wake = poll polls every
// second; wake = binlog polls every 60 s and relies on the binary log (its own server, with
// log_bin and binlog_format = ROW, so the other benchmarks keep a server without a binlog).
import { POLL_LINE, startBenchAgent, stopAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { countAlarms, createDatabase, FIRST_ID, processName, raiseAlarms, registerProcesses, startServer, stopServer } from './lib/database.js';
import { createProcessKit, killLaunched, readStamps } from './lib/processes.js';
import { round, sleepMs, summarize, type Summary } from './lib/stats.js';

export const REACTION_PARALLEL = 16;

export type WakeMode = 'poll' | 'binlog';

/** The server arguments wake = binlog needs. */
export const BINLOG_SERVER_ARGS = ['--log-bin=binlog', '--binlog-format=ROW', '--server-id=1'];

export interface ReactionResult {
  wake: WakeMode;
  checkIntervalS: number;
  maxParallelRestarts: number;
  alarms: number;
  measured: number;
  /** COMMIT → restart command started (ms). */
  toStart: Summary;
  /** COMMIT → alarm cleared (history finished_at, ms). */
  toCleared: Summary;
  /** Median COMMIT round trip: the uncertainty of "the commit moment". */
  commitRoundTripMs: number;
}

export async function runReaction(ctx: BenchContext, wake: WakeMode = 'poll'): Promise<ReactionResult> {
  const alarms = ctx.quick ? 30 : 200;
  const checkIntervalS = wake === 'binlog' ? 60 : 1;
  const dir = await ctx.dir(`reaction-${wake}`);
  const kit = await createProcessKit(dir, alarms);
  ctx.trackBinDir(kit.binDir);
  const server = wake === 'binlog' ? await startServer(BINLOG_SERVER_ARGS) : undefined;
  const db = await createDatabase(server ?? ctx.server, 'bench_reaction');
  await registerProcesses(db, alarms);
  const agent = ctx.track(
    startBenchAgent({
      dir,
      socket: db.socket,
      database: db.name,
      monitor: { check_interval: checkIntervalS, max_parallel_restarts: REACTION_PARALLEL, wake },
      processDefault: { start_command: kit.stampedStartCommand },
    }),
  );
  try {
    await agent.waitForLine(POLL_LINE, 30_000);
    if (wake === 'binlog') await agent.waitForLine(/Wake on binlog: following row events/, 30_000);
    ctx.note(`reaction (wake = ${wake}, check_interval = ${checkIntervalS}): ${alarms} alarms, one commit each, 150–350 ms apart`);
    const commits: number[] = [];
    const roundTrips: number[] = [];
    for (let i = 1; i <= alarms; i += 1) {
      await sleepMs(150 + Math.random() * 200);
      const commit = await raiseAlarms(db, i, 1);
      commits[i] = commit.after;
      roundTrips.push(commit.after - commit.before);
    }
    const deadline = Date.now() + 60_000;
    while ((await countAlarms(db)) > 0 && Date.now() < deadline) await sleepMs(100);

    const stamps = await readStamps(kit);
    const finished = await db.query<Array<{ process_id: number; t: string }>>(
      `SELECT process_id, MIN(UNIX_TIMESTAMP(finished_at)) AS t FROM monitor_restart_history WHERE outcome = 'success' GROUP BY process_id`,
    );
    const clearedAt = new Map(finished.map((row) => [Number(row.process_id), Number(row.t) * 1000]));
    const toStart: number[] = [];
    const toCleared: number[] = [];
    for (let i = 1; i <= alarms; i += 1) {
      const committed = commits[i] as number;
      const started = stamps.get(processName(i));
      const cleared = clearedAt.get(FIRST_ID - 1 + i);
      if (started !== undefined) toStart.push(started - committed);
      if (cleared !== undefined) toCleared.push(cleared - committed);
    }
    const roundSummary = (s: Summary): Summary =>
      Object.fromEntries((Object.entries(s) as Array<[string, number]>).map(([k, v]) => [k, round(v, 1)])) as unknown as Summary;
    return {
      wake,
      checkIntervalS,
      maxParallelRestarts: REACTION_PARALLEL,
      alarms,
      measured: Math.min(toStart.length, toCleared.length),
      toStart: roundSummary(summarize(toStart)),
      toCleared: roundSummary(summarize(toCleared)),
      commitRoundTripMs: round(summarize(roundTrips).p50, 2),
    };
  } finally {
    await stopAgent(agent);
    await killLaunched(kit.binDir);
    await db.close();
    if (server) await stopServer(server).catch(() => undefined);
  }
}
