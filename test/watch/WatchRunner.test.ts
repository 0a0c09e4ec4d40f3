// The runner's own rules, with scripted watchers (pure logic; the real
// watchers and the database are proven in the end-to-end tests): for_cycles,
// one report per failure, a watcher's trouble said once and raising nothing,
// and stop() ending every loop and closing every watcher.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../src/config/builtInDefaults.js';
import type { WatchSettings } from '../../src/config/types.js';
import type { Detection } from '../../src/watch/reportDetection.js';
import { WatchRunner } from '../../src/watch/WatchRunner.js';
import type { Observation, Watcher } from '../../src/watch/Watcher.js';
import { waitFor } from '../support/waitFor.js';

const FAIL: Observation = { failing: true, evidence: 'gone' };
const PASS: Observation = { failing: false };

function scripted(script: (Observation | Error)[]): Watcher & { checks: number; closed: boolean } {
  const watcher = {
    processName: 'app',
    checks: 0,
    closed: false,
    check(): Promise<Observation> {
      const next = script[Math.min(watcher.checks, script.length - 1)]!;
      watcher.checks += 1;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
    close() {
      watcher.closed = true;
    },
  };
  return watcher;
}

function run(watcher: Watcher, settings: Partial<WatchSettings>) {
  const reports: Detection[] = [];
  const problems: string[] = [];
  const runner = new WatchRunner({
    watches: { app: { ...BUILT_IN_DEFAULTS.watch, watch_interval: 0.01, ...settings } },
    createWatcher: () => watcher,
    report: (detection) => {
      reports.push(detection);
      return Promise.resolve();
    },
    problem: (_name, _watch, text) => problems.push(text),
  });
  runner.start();
  return { runner, reports, problems };
}

describe('WatchRunner', () => {
  it('reports once for_cycles checks in a row failed, then again every for_cycles checks while it goes on (as a repeat)', async () => {
    const watcher = scripted([FAIL, PASS, FAIL, FAIL, FAIL, FAIL, PASS, FAIL, FAIL, PASS]);
    const { runner, reports } = run(watcher, { for_cycles: 2, type: 'process' });
    await waitFor(() => watcher.checks, { until: (n) => n >= 12 });
    await runner.stop();
    expect(reports).toEqual([
      { name: 'app', watch: 'process', evidence: 'gone', repeat: false },
      { name: 'app', watch: 'process', evidence: 'gone', repeat: true },
      { name: 'app', watch: 'process', evidence: 'gone', repeat: false },
    ]);
    expect(watcher.closed).toBe(true);
  });

  it('says a failing check once, raises nothing for it, and goes on checking', async () => {
    const watcher = scripted([new Error('systemctl hung'), new Error('systemctl hung'), new Error('systemctl hung'), PASS]);
    const { runner, reports, problems } = run(watcher, {});
    await waitFor(() => watcher.checks, { until: (n) => n >= 5 });
    await runner.stop();
    expect(reports).toEqual([]);
    expect(problems).toEqual(['check failed: systemctl hung']);
  });

  it('cuts evidence to one printable line', async () => {
    const watcher = scripted([{ failing: true, evidence: `a\u001b[31m${'x'.repeat(1000)}` }]);
    const { runner, reports } = run(watcher, {});
    await waitFor(() => reports.length, { until: (n) => n >= 1 });
    await runner.stop();
    expect(reports[0]!.evidence).toBe(`a\\u001b[31m${'x'.repeat(394)}…`);
  });

  it('stop() ends a watch waiting out a long interval at once', async () => {
    const watcher = scripted([PASS]);
    const { runner } = run(watcher, { watch_interval: 3600 });
    await waitFor(() => watcher.checks, { until: (n) => n === 1 });
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(watcher.closed).toBe(true);
  });

  it('update() keeps an unchanged watch running, starts a changed one over, stops a removed one and starts an added one', async () => {
    const made: Array<{ name: string; watcher: ReturnType<typeof scripted> }> = [];
    const deps = (watches: Record<string, Partial<WatchSettings>>) => ({
      watches: Object.fromEntries(Object.entries(watches).map(([name, s]) => [name, { ...BUILT_IN_DEFAULTS.watch, watch_interval: 0.01, ...s }])),
      createWatcher: (name: string) => {
        const watcher = scripted([PASS]);
        made.push({ name, watcher });
        return watcher;
      },
      report: () => Promise.resolve(),
      problem: () => undefined,
    });
    const runner = new WatchRunner(deps({ kept: { type: 'process' }, changed: { type: 'process' }, removed: { type: 'process' } }));
    runner.start();
    await waitFor(() => made.length, { until: (n) => n === 3 });
    const first = (name: string) => made.find((m) => m.name === name)!.watcher;

    await runner.update(deps({ kept: { type: 'process' }, changed: { type: 'process', for_cycles: 3 }, added: { type: 'process' } }));
    expect(runner.names.sort()).toEqual(['added', 'changed', 'kept']);
    expect(made.map((m) => m.name).sort()).toEqual(['added', 'changed', 'changed', 'kept', 'removed']);
    expect(first('kept').closed).toBe(false); // the same watcher goes on checking
    const checks = first('kept').checks;
    await waitFor(() => first('kept').checks, { what: 'the kept watch to check again', until: (n) => n > checks });
    expect(first('changed').closed).toBe(true);
    expect(first('removed').closed).toBe(true);
    await runner.stop();
    expect(made.every((m) => m.watcher.closed)).toBe(true);
  });
});
