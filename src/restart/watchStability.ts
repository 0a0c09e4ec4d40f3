import { sleep } from '../clock/sleep.js';
import type { HealthProbe } from './runHealthCheck.js';

/** Pause between two re-checks while stable_time lasts: a process that dies is noticed within this. */
export const STABLE_RECHECK_MS = 250;

export type StabilityReport = { stable: true; detail: string } | { stable: false; detail: string };

export interface StabilityWatch {
  /** stable_time, in seconds (> 0). */
  stableSeconds: number;
  /** When the restart finished (ms since the epoch): "died after N s" counts from here. */
  startedAt: number;
  /** Each re-check's own limit (health_check_timeout), in ms. */
  runTimeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** Pure: "1.2" for 1234 ms, the way the reports give seconds. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1);
}

/**
 * After the health check passed: re-run it every STABLE_RECHECK_MS until stable_time
 * has passed since then (the last run at its end), as supervisord's startsecs. The
 * first run that fails ends the watch: the process started but did not stay up.
 */
export async function watchStability(probe: HealthProbe, watch: StabilityWatch): Promise<StabilityReport> {
  const now = watch.now ?? Date.now;
  const until = now() + watch.stableSeconds * 1000;
  let runs = 0;
  for (;;) {
    // At least 1 ms: a timer may fire a millisecond early, and the last run must not.
    await sleep(Math.min(STABLE_RECHECK_MS, Math.max(1, until - now())), watch.signal);
    if (watch.signal?.aborted === true) {
      return {
        stable: false,
        detail: `interrupted ${seconds(now() - watch.startedAt)} s after the start, before stable_time (${watch.stableSeconds} s) was over`,
      };
    }
    const ranAt = now();
    const run = await probe.run(watch.runTimeoutMs, watch.signal);
    runs += 1;
    if (!run.healthy) {
      return {
        stable: false,
        detail:
          `started but died after ${seconds(now() - watch.startedAt)} s: the health check passed, then failed ` +
          `within stable_time (${watch.stableSeconds} s): ${run.failure}`,
      };
    }
    if (ranAt >= until) return { stable: true, detail: `kept passing for stable_time (${watch.stableSeconds} s, ${runs} re-check(s))` };
  }
}
