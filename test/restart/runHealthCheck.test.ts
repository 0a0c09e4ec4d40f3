// The health check is re-run, the pause doubling from 10 ms to 0.5 s, until it passes or health_check_timeout runs out
// (README, Configuration), with real shell commands: one that passes on its third run, one
// that never passes, one that hangs. Each run writes when it started, so the spacing
// between runs is measured, not assumed.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProcessSettings } from '../../src/config/resolveProcessSettings.js';
import { HEALTH_RETRY_MS, healthRetryPause, LAUNCHED_TREE_ONLY_MS, runHealthCheck } from '../../src/restart/runHealthCheck.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('monitor-health-');
});
afterAll(async () => {
  await removeTempDir(dir);
});

/**
 * A check that records the start of each run in `file` (the uptime, 10 ms steps: `date +%s`
 * would meet the command's own %s), and passes from run `passFrom` on.
 */
function countingCheck(file: string, passFrom: number): string {
  return `cut -d' ' -f1 /proc/uptime >> ${file}; test "$(wc -l < ${file})" -ge ${passFrom}`;
}

/** Start of each run, in ms. */
const runStarts = (file: string): number[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((seconds) => Math.round(Number(seconds) * 1000));
const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

describe('runHealthCheck', () => {
  it('waits 10 ms after the first failing run, doubling the pause up to 0.5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map(healthRetryPause)).toEqual([10, 20, 40, 80, 160, 320, 500, 500, 500]);
  });

  it('re-runs a failing check soon, then every 0.5 s, until it passes', async () => {
    const file = path.join(dir, 'ninth.runs');
    const settings = resolveProcessSettings({}, { health_check_command: countingCheck(file, 9), health_check_timeout: 10 });
    const report = await runHealthCheck('ninth', settings);

    expect(report).toMatchObject({ healthy: true, runs: 9, detail: 'health check passed (run 9)' });
    const spacing = gaps(runStarts(file));
    expect(spacing).toHaveLength(8);
    // The first re-runs come within a fraction of a second (a fresh process is seen at once)…
    expect(spacing.slice(0, 3).reduce((sum, gap) => sum + gap, 0)).toBeLessThan(HEALTH_RETRY_MS);
    // …the last ones are spaced by the longest pause (not hammered), and not by much more.
    for (const gap of spacing.slice(-2)) {
      expect(gap).toBeGreaterThanOrEqual(HEALTH_RETRY_MS - 20); // uptime has 10 ms steps
      expect(gap).toBeLessThan(HEALTH_RETRY_MS + 700);
    }
  });

  it('gives up when health_check_timeout runs out, not before and not much after', async () => {
    const file = path.join(dir, 'never.runs');
    const settings = resolveProcessSettings({}, { health_check_command: countingCheck(file, 1_000), health_check_timeout: 2 });
    const started = Date.now();
    const report = await runHealthCheck('never', settings);
    const elapsed = Date.now() - started;

    expect(report.healthy).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(2_000 - 20);
    // A deadline of twice the timeout would take 4 s.
    expect(elapsed).toBeLessThan(3_000);
    // Runs at about 0, 0.01, 0.03, 0.07, 0.15, 0.31, 0.63, 1.13 and 1.63 s; each one counted.
    expect(report.runs).toBe(runStarts(file).length);
    expect(report.runs).toBeGreaterThanOrEqual(6);
    expect(report.runs).toBeLessThanOrEqual(10);
    expect(report.detail).toMatch(new RegExp(`^health check ".*" did not pass within 2s \\(${report.runs} run\\(s\\)\\); last: exit status 1$`));
  });

  it('cuts a hanging run at the deadline', async () => {
    const settings = resolveProcessSettings({}, { health_check_command: 'sleep 30', health_check_timeout: 1 });
    const started = Date.now();
    const report = await runHealthCheck('hangs', settings);
    const elapsed = Date.now() - started;

    expect(report).toMatchObject({ healthy: false, runs: 1 });
    expect(report.detail).toMatch(/last: timed out after/);
    expect(elapsed).toBeGreaterThanOrEqual(1_000 - 20);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe("runHealthCheck with a strategy's own state check", () => {
  it('stands in for the default pgrep %s, re-asked until it passes', async () => {
    const answers = [false, false, true];
    let asked = 0;
    const stateCheck = () => Promise.resolve({ healthy: answers[asked++] ?? true, detail: `state ${asked}` });
    // No process is called "no-such-process-x": pgrep would fail; the manager's state decides.
    const report = await runHealthCheck('no-such-process-x', resolveProcessSettings({}, { health_check_timeout: 5 }), undefined, stateCheck);
    expect(report).toMatchObject({ healthy: true, runs: 3 });
    expect(asked).toBe(3);
  });

  it("says the manager's state did not pass, with its last answer", async () => {
    const stateCheck = () => Promise.resolve({ healthy: false, detail: 'FATAL Exited too quickly' });
    const report = await runHealthCheck('x', resolveProcessSettings({}, { health_check_timeout: 0.3 }), undefined, stateCheck);
    expect(report.healthy).toBe(false);
    expect(report.detail).toMatch(/^health check the manager's state did not pass within 0.3s \(\d+ run\(s\)\); last: FATAL Exited too quickly$/);
  });

  it('a configured health_check_command runs as configured, the state check is not asked', async () => {
    let asked = 0;
    const stateCheck = () => {
      asked += 1;
      return Promise.resolve({ healthy: true, detail: 'RUNNING' });
    };
    const report = await runHealthCheck('x', resolveProcessSettings({}, { health_check_command: 'false', health_check_timeout: 0.3 }), undefined, stateCheck);
    expect(report.healthy).toBe(false);
    expect(asked).toBe(0);
  });
});

describe('runHealthCheck with match or pid_file', () => {
  it('looks for the instances they name, in place of the name and of a state check', async () => {
    let asked = 0;
    const stateCheck = () => {
      asked += 1;
      return Promise.resolve({ healthy: true, detail: 'RUNNING' });
    };
    const settings = resolveProcessSettings({}, { match: `^no-such-program-${process.pid}$`, health_check_timeout: 0.3 });
    const report = await runHealthCheck('x', settings, undefined, stateCheck);
    expect(report.healthy).toBe(false);
    expect(report.detail).toMatch(
      new RegExp(
        `^health check by match /\\^no-such-program-${process.pid}\\$/ did not pass within 0\\.3s \\(\\d+ run\\(s\\)\\); last: no running process whose command line matches`,
      ),
    );
    expect(asked).toBe(0);
  });

  it('passes by a pid file naming a running process, and says what a missing one means', async () => {
    const file = path.join(dir, 'self.pid');
    // The test process itself is protected (it stands for the agent): a child of it is not.
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(file, `${child.pid}\n`);
      const passing = await runHealthCheck('x', resolveProcessSettings({}, { pid_file: file, health_check_timeout: 2 }));
      expect(passing).toMatchObject({ healthy: true, runs: 1 });
    } finally {
      child.kill('SIGKILL');
    }
    const missing = await runHealthCheck('x', resolveProcessSettings({}, { pid_file: `${file}.none`, health_check_timeout: 0.3 }));
    expect(missing.detail).toMatch(
      new RegExp(`^health check by pid_file ${file}\\.none did not pass within 0\\.3s \\(\\d+ run\\(s\\)\\); last: no pid file ${file}\\.none$`),
    );
  });
});

describe('runHealthCheck after a launch (default pgrep %s)', () => {
  /** A program named `name` (a copy of sleep), started by the test: "running elsewhere". */
  function startNamed(name: string): ChildProcess {
    const binary = path.join(dir, name);
    copyFileSync('/bin/sleep', binary);
    chmodSync(binary, 0o755);
    return spawn(binary, ['30'], { stdio: 'ignore' });
  }

  it('finds the program the launched command became, in its first runs', async () => {
    const name = `hcexec${process.pid % 10000}`;
    copyFileSync('/bin/sleep', path.join(dir, name));
    chmodSync(path.join(dir, name), 0o755);
    const launched = spawn('/bin/sh', ['-c', `exec ${path.join(dir, name)} 30`], { stdio: 'ignore' });
    try {
      const launch = { failure: new Promise<string>(() => undefined), pid: launched.pid };
      const report = await runHealthCheck(name, resolveProcessSettings({}, { health_check_timeout: 5 }), undefined, undefined, launch);
      expect(report).toMatchObject({ healthy: true, detail: expect.stringMatching(/^health check passed \(run \d+\)$/) as unknown });
    } finally {
      launched.kill('SIGKILL');
    }
  });

  // The first runs look only at the launched command's tree (a burst would walk /proc
  // once per restart otherwise); a process of that name running elsewhere passes the
  // check from the next run on, never fails it.
  it('passes for a process running outside the launched tree, once the tree-only looks are over', async () => {
    const name = `hcelse${process.pid % 10000}`;
    const elsewhere = startNamed(name);
    const launched = spawn('/bin/sh', ['-c', 'sleep 30'], { stdio: 'ignore' });
    try {
      await waitFor(() => readFileSync(`/proc/${elsewhere.pid}/comm`, 'utf8').trim() === name, { what: 'the program to run' });
      const launch = { failure: new Promise<string>(() => undefined), pid: launched.pid };
      const began = performance.now();
      const report = await runHealthCheck(name, resolveProcessSettings({}, { health_check_timeout: 5 }), undefined, undefined, launch);
      expect(report.healthy).toBe(true);
      expect(report.runs).toBeGreaterThan(1);
      expect(performance.now() - began).toBeGreaterThanOrEqual(LAUNCHED_TREE_ONLY_MS);
    } finally {
      elsewhere.kill('SIGKILL');
      launched.kill('SIGKILL');
    }
  });

  it('looks everywhere at once when the launched command is gone (a daemon that forked away)', async () => {
    const name = `hcgone${process.pid % 10000}`;
    const elsewhere = startNamed(name);
    try {
      await waitFor(() => readFileSync(`/proc/${elsewhere.pid}/comm`, 'utf8').trim() === name, { what: 'the program to run' });
      const launch = { failure: new Promise<string>(() => undefined), pid: 999_999_999 };
      const report = await runHealthCheck(name, resolveProcessSettings({}, { health_check_timeout: 5 }), undefined, undefined, launch);
      expect(report).toMatchObject({ healthy: true, runs: 1 });
    } finally {
      elsewhere.kill('SIGKILL');
    }
  });
});
