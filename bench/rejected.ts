// 6. Memory with many rejected alarms: 10,000 rows in alarm that the agent must not act
// on (half with no PROCESE row, half with an invalid name), check_interval = 1. Each is
// said and recorded once; the agent keeps polling them. RSS after every row was recorded
// and a few more polls (steady state), and the peak (VmHWM).
import { cpuSeconds, memoryMb, POLL_LINE, startBenchAgent, stopAgent } from './lib/agent.js';
import type { BenchContext } from './lib/context.js';
import { createDatabase, FIRST_ID } from './lib/database.js';
import { round, sleepMs } from './lib/stats.js';

export interface RejectedResult {
  rows: number;
  /** Alarm raised → every row's rejection recorded (s). */
  recordedAfterS: number;
  recorded: number;
  steadyRssMb: number;
  peakRssMb: number;
  /** CPU over the steady window, in % of one core (it still polls the rows every second). */
  steadyCpuPercent: number;
}

export async function runRejected(ctx: BenchContext): Promise<RejectedResult> {
  const rows = ctx.quick ? 2_000 : 10_000;
  const dir = await ctx.dir('rejected');
  const db = await createDatabase(ctx.server, 'bench_rejected');
  const half = Math.floor(rows / 2);
  // Registered with names the agent refuses (a shell metacharacter), and not registered at all.
  await db.query(`INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) SELECT ${FIRST_ID - 1} + seq, 0, 0, 'bench' FROM seq_1_to_${rows}`);
  await db.query(`INSERT INTO PROCESE (process_id, process_name) SELECT ${FIRST_ID - 1} + seq, CONCAT('bad;name', seq) FROM seq_1_to_${half}`);
  const agent = ctx.track(startBenchAgent({ dir, socket: db.socket, database: db.name, monitor: { check_interval: 1 } }));
  try {
    await agent.waitForLine(POLL_LINE, 30_000);
    const raised = performance.now();
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id >= ?', [FIRST_ID]);
    const deadline = Date.now() + 300_000;
    let recorded = 0;
    while (Date.now() < deadline) {
      const found = await db.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE outcome = 'rejected'");
      recorded = Number(found[0]?.n ?? 0);
      if (recorded >= rows) break;
      await sleepMs(250);
    }
    const recordedAfterS = (performance.now() - raised) / 1000;
    ctx.note(`rejected: ${recorded} rows recorded after ${recordedAfterS.toFixed(1)} s; watching 10 s`);
    const cpu0 = await cpuSeconds(agent.pid);
    const t0 = performance.now();
    await sleepMs(10_000);
    const cpu1 = await cpuSeconds(agent.pid);
    const memory = await memoryMb(agent.pid);
    return {
      rows,
      recordedAfterS: round(recordedAfterS, 1),
      recorded,
      steadyRssMb: round(memory.rssMb, 1),
      peakRssMb: round(memory.peakRssMb, 1),
      steadyCpuPercent: round(((cpu1 - cpu0) / ((performance.now() - t0) / 1000)) * 100, 1),
    };
  } finally {
    await stopAgent(agent);
    await db.close();
  }
}
