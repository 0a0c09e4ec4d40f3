// stable_time's watch with a scripted probe: every run is recorded with its time, so
// the spacing and the last run at the end of the window are measured, not assumed.
import { describe, expect, it } from 'vitest';
import type { CheckRun, HealthProbe } from '../../src/restart/runHealthCheck.js';
import { seconds, STABLE_RECHECK_MS, watchStability } from '../../src/restart/watchStability.js';

/** A probe that passes `passing` times, then fails; records when each run happened. */
function scriptedProbe(passing: number): HealthProbe & { runsAt: number[] } {
  const runsAt: number[] = [];
  return {
    what: '"scripted"',
    runsAt,
    run(): Promise<CheckRun> {
      runsAt.push(Date.now());
      const healthy = runsAt.length <= passing;
      return Promise.resolve({ healthy, failure: healthy ? '' : 'no running process whose name matches x', outputLeftOpen: false });
    },
  };
}

describe('watchStability', () => {
  it('re-checks every 0.25 s until stable_time is over, the last run at its end', async () => {
    const probe = scriptedProbe(Infinity);
    const begun = Date.now();
    const report = await watchStability(probe, { stableSeconds: 1, startedAt: begun, runTimeoutMs: 1000 });

    expect(report).toEqual({ stable: true, detail: `kept passing for stable_time (1 s, ${probe.runsAt.length} re-check(s))` });
    expect(probe.runsAt.at(-1)! - begun).toBeGreaterThanOrEqual(1000);
    expect(probe.runsAt.length).toBeGreaterThanOrEqual(4);
    const gaps = probe.runsAt.map((t, i) => t - (i === 0 ? begun : probe.runsAt[i - 1]!));
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(STABLE_RECHECK_MS + 150);
  });

  it('fails at the first run that fails: "started but died after N s", with why', async () => {
    const probe = scriptedProbe(1);
    const startedAt = Date.now() - 2000; // the restart finished 2 s ago
    const report = await watchStability(probe, { stableSeconds: 3, startedAt, runTimeoutMs: 1000 });

    expect(probe.runsAt).toHaveLength(2);
    expect(report.stable).toBe(false);
    expect(report.detail).toMatch(
      /^started but died after 2\.\d s: the health check passed, then failed within stable_time \(3 s\): no running process whose name matches x$/,
    );
  });

  it('stops at once when aborted, and says it was interrupted', async () => {
    const probe = scriptedProbe(Infinity);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const begun = Date.now();
    const report = await watchStability(probe, { stableSeconds: 30, startedAt: begun, runTimeoutMs: 1000, signal: controller.signal });

    expect(Date.now() - begun).toBeLessThan(1500);
    expect(report).toMatchObject({ stable: false });
    expect(report.detail).toMatch(/^interrupted 0\.\d s after the start, before stable_time \(30 s\) was over$/);
  });

  it('gives seconds with one decimal', () => {
    expect(seconds(1234)).toBe('1.2');
    expect(seconds(0)).toBe('0.0');
    expect(seconds(-5)).toBe('0.0');
  });
});
