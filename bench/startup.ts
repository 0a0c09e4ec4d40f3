// 5. Start-up and shutdown: exec → first poll done (the "Database check:" line reaches
// our pipe), and SIGTERM → exit while idle. Bare `node -e 0` for reference.
import { execa } from 'execa';
import { POLL_LINE, startBenchAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { createDatabase, registerProcesses } from './lib/database.js';
import { round, sleepMs, summarize, type Summary } from './lib/stats.js';

export interface StartupResult {
  runs: number;
  /** exec → first "Database check:" line (ms). */
  toFirstPoll: Summary;
  /** exec → "Starting Process Monitor Service" (modules loaded, config read). */
  toFirstLogLine: Summary;
  /** SIGTERM → process exit, idle (ms). */
  sigtermToExit: Summary;
  exitCodes: number[];
  /** exec → exit of `node -e 0` (the runtime's own share). */
  bareNodeMs: number;
}

export async function runStartup(ctx: BenchContext): Promise<StartupResult> {
  const runs = ctx.quick ? 2 : 5;
  const dir = await ctx.dir('startup');
  const db = await createDatabase(ctx.server, 'bench_startup');
  await registerProcesses(db, 1000);
  const toFirstPoll: number[] = [];
  const toFirstLogLine: number[] = [];
  const sigtermToExit: number[] = [];
  const exitCodes: number[] = [];
  try {
    ctx.note(`startup: ${runs} runs`);
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const agent = ctx.track(startBenchAgent({ dir, socket: db.socket, database: db.name, monitor: { check_interval: 1 } }));
      let firstLine: number | undefined;
      const firstPoll = new Promise<number>((resolve) => {
        let seen = '';
        agent.child.stdout?.on('data', (chunk: Buffer | string) => {
          const now = performance.now();
          seen += String(chunk);
          firstLine ??= now;
          if (POLL_LINE.test(seen)) resolve(now);
        });
      });
      const died = agent.exited.then((code) => {
        throw new Error(`agent exited (${code}) before its first poll:\n${agent.output()}`);
      });
      const polled = await Promise.race([firstPoll, died, sleepMs(30_000).then(() => Number.NaN)]);
      died.catch(() => undefined);
      toFirstPoll.push(polled - started);
      toFirstLogLine.push((firstLine ?? Number.NaN) - started);
      // Idle: between two polls, nothing in flight.
      await sleepMs(400);
      const exited = new Promise<number>((resolve) =>
        agent.child.once('exit', (code) => {
          exitCodes.push(code ?? -1);
          resolve(performance.now());
        }),
      );
      const signalled = performance.now();
      agent.child.kill('SIGTERM');
      const gone = await Promise.race([exited, sleepMs(30_000).then(() => Number.NaN)]);
      if (Number.isNaN(gone)) agent.child.kill('SIGKILL');
      sigtermToExit.push(gone - signalled);
    }
    const bare: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t = performance.now();
      await execa(process.execPath, ['-e', '0']);
      bare.push(performance.now() - t);
    }
    const r = (s: Summary): Summary =>
      Object.fromEntries((Object.entries(s) as Array<[string, number]>).map(([k, v]) => [k, round(v, 1)])) as unknown as Summary;
    return {
      runs,
      toFirstPoll: r(summarize(toFirstPoll)),
      toFirstLogLine: r(summarize(toFirstLogLine)),
      sigtermToExit: r(summarize(sigtermToExit)),
      exitCodes,
      bareNodeMs: round(summarize(bare).p50, 1),
    };
  } finally {
    await db.close();
  }
}
