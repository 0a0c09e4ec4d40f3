// 6. Watchers: 100 [watch.NAME] log watches (watch_interval = 1) on 100 files that a
// separate writer process appends to all the time (LINES_PER_SECOND lines of about 100
// bytes per file per second). Over the window: the agent's CPU (/proc/PID/stat) and
// peak RSS (VmHWM), the lines written, and whether every watch kept up (no
// "falls behind" warning). No line matches: this is the steady cost of reading.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cpuSeconds, memoryMb, POLL_LINE, startBenchAgent, stopAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { createDatabase } from './lib/database.js';
import { round, sleepMs } from './lib/stats.js';

export const LOG_WATCHES = 100;
const LINES_PER_SECOND = 200;

export interface LogWatchesResult {
  watches: number;
  watchIntervalS: number;
  windowS: number;
  linesWrittenPerSecond: number;
  bytesWrittenPerSecond: number;
  agentCpuSeconds: number;
  cpuPercentOfOneCore: number;
  peakRssMb: number;
  rssMb: number;
  /** Watches that said they fell behind, or could not read their file. */
  warnings: number;
  /** The first few of them. */
  warningLines: string[];
}

/** The writer: appends a batch of lines to every file every 50 ms, and prints how many lines it wrote when stopped. */
const WRITER = `
const fs = require('node:fs');
const files = process.argv.slice(2).map((f) => fs.openSync(f, 'a'));
const perTick = Math.max(1, Math.round(${LINES_PER_SECOND} / 20));
let lines = 0, bytes = 0, n = 0;
const timer = setInterval(() => {
  for (const fd of files) {
    let text = '';
    for (let i = 0; i < perTick; i++) text += '2026-11-26 03:00:00 INFO worker ' + (n++) + ' handled request in 12 ms, nothing to report here\\n';
    fs.writeSync(fd, text);
    lines += perTick; bytes += Buffer.byteLength(text);
  }
}, 50);
process.on('SIGTERM', () => { clearInterval(timer); process.stdout.write(JSON.stringify({ lines, bytes })); process.exit(0); });
`;

export async function runLogWatches(ctx: BenchContext): Promise<LogWatchesResult> {
  const windowS = ctx.quick ? 10 : 60;
  const dir = await ctx.dir('log-watches');
  const db = await createDatabase(ctx.server, 'bench_log_watches');
  const files = Array.from({ length: LOG_WATCHES }, (_, i) => path.join(dir, `app${i}.log`));
  const sections: Record<string, Record<string, string | number>> = {};
  files.forEach((file, i) => {
    sections[`watch.logw${String(i).padStart(3, '0')}`] = { type: 'log', file, pattern: 'ERROR|FATAL|Traceback', watch_interval: 1 };
  });
  for (const file of files) writeFileSync(file, ''); // there before the watches first look
  const writerStarted = performance.now();
  const writer = spawn(process.execPath, ['-e', WRITER, ...files], { stdio: ['ignore', 'pipe', 'inherit'] });
  let written = '';
  writer.stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const writerDone = new Promise<void>((resolve) => writer.once('exit', () => resolve()));
  const agent = ctx.track(startBenchAgent({ dir, socket: db.socket, database: db.name, monitor: { check_interval: 1 }, sections }));
  try {
    await agent.waitForLine(POLL_LINE, 30_000);
    await sleepMs(2_000);
    const cpu0 = await cpuSeconds(agent.pid);
    const t0 = performance.now();
    ctx.note(`log watches: ${LOG_WATCHES} busy files for ${windowS} s`);
    await sleepMs(windowS * 1000);
    const cpu1 = await cpuSeconds(agent.pid);
    const wallS = (performance.now() - t0) / 1000;
    const memory = await memoryMb(agent.pid);
    writer.kill('SIGTERM');
    await writerDone;
    const writerS = (performance.now() - writerStarted) / 1000;
    const totals = JSON.parse(written || '{"lines":0,"bytes":0}') as { lines: number; bytes: number };
    // The writer ran from before the agent started: its rate is its own total over its own run.
    return {
      watches: LOG_WATCHES,
      watchIntervalS: 1,
      windowS: round(wallS, 1),
      linesWrittenPerSecond: round(totals.lines / writerS, 0),
      bytesWrittenPerSecond: round(totals.bytes / writerS, 0),
      agentCpuSeconds: round(cpu1 - cpu0, 2),
      cpuPercentOfOneCore: round(((cpu1 - cpu0) / wallS) * 100, 2),
      peakRssMb: round(memory.peakRssMb, 1),
      rssMb: round(memory.rssMb, 1),
      warnings: agent.count(/WARNING - Watch log of /),
      warningLines: agent.lines.filter((line) => /WARNING - Watch log of /.test(line)).slice(0, 3),
    };
  } finally {
    if (writer.exitCode === null) writer.kill('SIGKILL');
    await stopAgent(agent);
    await db.close();
  }
}
