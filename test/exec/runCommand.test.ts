import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandEnvironment } from '../../src/exec/commandEnvironment.js';
import { describeResult, OUTPUT_CAP_BYTES, runArgv, runShellCommand, succeeded, type CommandResult } from '../../src/exec/runCommand.js';
import { killOrphans, startOrphan } from '../support/orphans.js';
import { isGone } from '../support/processes.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

let dir: string;
const leftovers: number[] = [];
beforeEach(async () => {
  dir = await makeTempDir('monitor-exec-');
});
afterEach(async () => {
  killOrphans(path.join(dir, 'orphans'));
  for (const pgid of leftovers.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await removeTempDir(dir);
});

/** Pids of the processes in a process group, from /proc (zombies excluded). */
function groupMembers(pgid: number): number[] {
  let out: string;
  try {
    out = execFileSync('pgrep', ['-g', String(pgid)], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
        return state !== 'Z' && state !== 'X';
      } catch {
        return false;
      }
    });
}

describe('runShellCommand / runArgv: how a command ended', () => {
  it('reports exit status 0 and the output', async () => {
    const result = await runShellCommand('echo hello; echo oops >&2', { timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 0, signal: undefined, timedOut: false, outputCapped: false, startError: undefined });
    expect(result.output).toContain('hello');
    expect(result.output).toContain('oops');
    expect(succeeded(result)).toBe(true);
  });

  it.each([1, 2, 42, 127, 255])('reports exit status %i', async (code) => {
    const result = await runShellCommand(`exit ${code}`, { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(code);
    expect(result.timedOut).toBe(false);
    expect(succeeded(result)).toBe(false);
    expect(describeResult(result)).toBe(`exit status ${code}`);
  });

  it('runs argv without a shell: metacharacters stay literal', async () => {
    const result = await runArgv('/bin/echo', ['$(id)', '; touch x', '`id`'], { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe('$(id) ; touch x `id`');
  });

  it('runs the command in the directory asked for, else in its own', async () => {
    expect((await runArgv('pwd', [], { timeoutMs: 5000, cwd: dir })).output).toBe(dir);
    expect((await runArgv('pwd', [], { timeoutMs: 5000 })).output).toBe(process.cwd());
  });

  it('reports the signal that killed the command', async () => {
    const result = await runShellCommand('kill -TERM $$', { timeoutMs: 10_000 });
    expect(result.signal).toBe('SIGTERM');
    expect(result.exitCode).toBeUndefined();
    expect(result.timedOut).toBe(false);
    expect(succeeded(result)).toBe(false);
    expect(describeResult(result)).toBe('killed by SIGTERM');
  });

  it('reports a program that cannot be started as startError', async () => {
    const result = await runArgv(path.join(dir, 'no-such-program'), [], { timeoutMs: 10_000 });
    expect(result.startError).toBe('ENOENT');
    expect(result.exitCode).toBeUndefined();
    expect(succeeded(result)).toBe(false);
    expect(describeResult(result)).toMatch(/^could not start: ENOENT/);
  });

  it('a missing program behind the shell is exit status 127', async () => {
    const result = await runShellCommand('no-such-program-monitor-xyz', { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(127);
    expect(result.startError).toBeUndefined();
  });
});

describe('runShellCommand: timeouts kill the whole process group', () => {
  it('kills the shell and its grandchildren on timeout', async () => {
    const pidFile = path.join(dir, 'pid');
    const started = Date.now();
    const result = await runShellCommand(`echo $$ > '${pidFile}'; sleep 300 & sleep 300; wait`, { timeoutMs: 700 });
    const elapsed = Date.now() - started;
    const pgid = Number(readFileSync(pidFile, 'utf8').trim());
    leftovers.push(pgid);

    expect(result.timedOut).toBe(true);
    expect(succeeded(result)).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(5_000);
    expect(describeResult(result)).toMatch(/^timed out after \d+\.\ds \(process group killed\)$/);
    // Nothing of that group survives: not the shell, not either sleep.
    await waitFor(() => groupMembers(pgid), { what: `process group ${pgid} to be empty`, until: (pids) => pids.length === 0, timeoutMs: 3_000 });
    expect(await isGone(pgid)).toBe(true);
  });

  it('kills a grandchild left behind when the shell exits on its own', async () => {
    const pidFile = path.join(dir, 'bg');
    const result = await runShellCommand(`sleep 300 > /dev/null 2>&1 & echo $! > '${pidFile}'; exit 0`, { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    leftovers.push(pid);
    await waitFor(() => isGone(pid), { what: `background sleep ${pid} to be killed`, timeoutMs: 3_000 });
  });

  it('an abort signal kills the group at once', async () => {
    const pidFile = path.join(dir, 'pid');
    const controller = new AbortController();
    const running = runShellCommand(`echo $$ > '${pidFile}'; sleep 300 & sleep 300; wait`, { timeoutMs: 60_000, signal: controller.signal });
    const pgid = await waitFor(() => Number(readFileSync(pidFile, 'utf8').trim()), { what: 'the shell to write its pid' });
    leftovers.push(pgid);
    await waitFor(() => groupMembers(pgid).length >= 3, { what: 'both sleeps to start' });
    const started = Date.now();
    controller.abort();
    const result = await running;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(succeeded(result)).toBe(false);
    await waitFor(() => groupMembers(pgid), { what: `process group ${pgid} to be empty`, until: (pids) => pids.length === 0, timeoutMs: 3_000 });
  });
});

describe('runShellCommand: a process that left the group (setsid) holds the output', () => {
  it('returns soon after the command exits, with its exit status, output, and a note', async () => {
    const orphans = path.join(dir, 'orphans');
    const started = Date.now();
    const result = await runShellCommand(`${startOrphan('sleep 12', orphans)}; echo done; exit 0`, { timeoutMs: 3_000 });
    const elapsed = Date.now() - started;
    expect(result.exitCode).toBe(0);
    expect(result.timedOut).toBe(false);
    expect(result.outputLeftOpen).toBe(true);
    expect(result.output).toBe('done');
    // The exit status stays the command's own: a passing check still passes.
    expect(succeeded(result)).toBe(true);
    expect(describeResult(result)).toBe('exit status 0; a background process (left its process group) kept the output open; not waited for; output: done');
    // Not the orphan's 12 s, and not even the 3 s timeout.
    expect(elapsed).toBeLessThan(2_000);
  });

  it('keeps a non-zero exit status as it was', async () => {
    const orphans = path.join(dir, 'orphans');
    const result = await runShellCommand(`${startOrphan('sleep 12', orphans)}; exit 4`, { timeoutMs: 3_000 });
    expect(result.exitCode).toBe(4);
    expect(result.outputLeftOpen).toBe(true);
    expect(succeeded(result)).toBe(false);
  });

  it('stops at the timeout when the command itself hangs too', async () => {
    const orphans = path.join(dir, 'orphans');
    const started = Date.now();
    const result = await runShellCommand(`${startOrphan("sh -c 'sleep 60'", orphans)}; sleep 30`, { timeoutMs: 3_000 });
    const elapsed = Date.now() - started;
    expect(result.timedOut).toBe(true);
    expect(result.outputLeftOpen).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(2_900);
    expect(elapsed).toBeLessThan(5_000);
    expect(describeResult(result)).toMatch(
      /^timed out after 3\.\ds \(process group killed\); a background process \(left its process group\) kept the output open; not waited for$/,
    );
  });

  it('an abort stops waiting for it at once too', async () => {
    const orphans = path.join(dir, 'orphans');
    const controller = new AbortController();
    const running = runShellCommand(`${startOrphan('sleep 60', orphans)}; echo left > '${orphans}.ready'; sleep 30`, {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    await waitFor(() => existsSync(`${orphans}.ready`), { what: 'the orphan to leave the group' });
    const started = Date.now();
    controller.abort();
    const result = await running;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.outputLeftOpen).toBe(true);
  });

  it('makes no note when what held the output was in the group (killed with it)', async () => {
    const result = await runShellCommand('sleep 300 & echo done; exit 0', { timeoutMs: 10_000 });
    expect(result.exitCode).toBe(0);
    expect(result.outputLeftOpen).toBe(false);
    expect(describeResult(result)).toBe('exit status 0; output: done');
  });
});

describe('runShellCommand: output cap', () => {
  it('stops a command printing 5 MB and reports outputCapped, within a few seconds', async () => {
    const started = Date.now();
    const result = await runShellCommand('head -c 5000000 /dev/zero | tr "\\0" x; sleep 30', { timeoutMs: 12_000 });
    const elapsed = Date.now() - started;
    expect(result.outputCapped).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(elapsed).toBeLessThan(5_000);
    expect(succeeded(result)).toBe(false);
    expect(describeResult(result)).toMatch(/^printed more than 64 KB \(stopped\)/);
  });

  it('stops the whole group of a command that floods output from a grandchild', async () => {
    const pidFile = path.join(dir, 'pid');
    const started = Date.now();
    const result = await runShellCommand(`echo $$ > '${pidFile}'; (yes; sleep 300) & sleep 300`, { timeoutMs: 12_000 });
    const pgid = Number(readFileSync(pidFile, 'utf8').trim());
    leftovers.push(pgid);
    expect(result.outputCapped).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(() => groupMembers(pgid), { what: `process group ${pgid} to be empty`, until: (pids) => pids.length === 0, timeoutMs: 3_000 });
  });

  it('keeps no more than OUTPUT_CAP_BYTES of output', async () => {
    const result = await runShellCommand('head -c 5000000 /dev/zero | tr "\\0" x', { timeoutMs: 30_000 });
    expect(result.outputCapped).toBe(true);
    expect(result.output.length).toBeLessThanOrEqual(OUTPUT_CAP_BYTES);
  });

  it('stops an endless printer (yes) and reports outputCapped', async () => {
    const started = Date.now();
    const result = await runShellCommand('yes; echo never', { timeoutMs: 30_000 });
    expect(result.outputCapped).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops a flood on stderr too', async () => {
    const result = await runShellCommand('yes >&2', { timeoutMs: 30_000 });
    expect(result.outputCapped).toBe(true);
    expect(result.timedOut).toBe(false);
  });

  it('keeps output under the cap whole', async () => {
    const result = await runShellCommand('head -c 60000 /dev/zero | tr "\\0" y', { timeoutMs: 10_000 });
    expect(result.outputCapped).toBe(false);
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe('y'.repeat(60000));
  });
});

describe('the environment of a command', () => {
  const SECRETS = { CREDENTIALS_DIRECTORY: '/run/credentials/monitor.service', MYSQL_PWD: 'hunter2', MONITOR_SERVICE_DB_PASSWORD: 'hunter3' };

  it('lacks CREDENTIALS_DIRECTORY and MYSQL_PWD when they are passed in', async () => {
    const result = await runShellCommand('env', { timeoutMs: 10_000, env: { PATH: process.env.PATH, KEEP_ME: 'yes', ...SECRETS } });
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^KEEP_ME=yes$/m);
    expect(result.output).not.toMatch(/^CREDENTIALS_DIRECTORY=/m);
    expect(result.output).not.toMatch(/^MYSQL_PWD=/m);
    expect(result.output).not.toContain('hunter');
  });

  it("lacks them when inherited from the agent's own environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, SECRETS);
    try {
      const result = await runArgv('/usr/bin/env', [], { timeoutMs: 10_000 });
      expect(result.exitCode).toBe(0);
      expect(result.output).toMatch(/^PATH=/m);
      expect(result.output).not.toMatch(/^CREDENTIALS_DIRECTORY=/m);
      expect(result.output).not.toMatch(/^MYSQL_PWD=/m);
      expect(result.output).not.toContain('hunter');
    } finally {
      for (const key of Object.keys(SECRETS)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it("commandEnvironment copies, never changing the agent's environment", () => {
    const env = { A: '1', ...SECRETS };
    expect(commandEnvironment(env)).toEqual({ A: '1' });
    expect(env).toEqual({ A: '1', ...SECRETS });
  });
});

describe('describeResult', () => {
  const base: CommandResult = {
    exitCode: 1,
    signal: undefined,
    timedOut: false,
    outputCapped: false,
    outputLeftOpen: false,
    startError: undefined,
    output: '',
    durationMs: 1234,
  };

  it('gives one line, output included with newlines folded', () => {
    const line = describeResult({ ...base, output: 'Syntax error on line 3\r\n  of /etc/apache2/apache2.conf\n\nAction failed\n' });
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toBe('exit status 1; output: Syntax error on line 3 | of /etc/apache2/apache2.conf | Action failed');
  });

  it('cuts long output', () => {
    const line = describeResult({ ...base, output: 'z'.repeat(10_000) });
    expect(line.length).toBeLessThan(600);
    expect(line).not.toMatch(/\n/);
  });

  it('names how it ended, most telling reason first', () => {
    expect(describeResult({ ...base, timedOut: true, signal: 'SIGKILL', exitCode: undefined })).toBe('timed out after 1.2s (process group killed)');
    expect(describeResult({ ...base, outputCapped: true, signal: 'SIGTERM', exitCode: undefined })).toBe('printed more than 64 KB (stopped)');
    expect(describeResult({ ...base, startError: 'EACCES', exitCode: undefined })).toBe('could not start: EACCES');
    expect(describeResult({ ...base, exitCode: 0 })).toBe('exit status 0');
  });

  it('says when output held open by a process outside the group was not waited for', () => {
    const note = 'a background process (left its process group) kept the output open; not waited for';
    expect(describeResult({ ...base, exitCode: 0, outputLeftOpen: true, output: 'ok' })).toBe(`exit status 0; ${note}; output: ok`);
    expect(describeResult({ ...base, timedOut: true, exitCode: undefined, signal: 'SIGKILL', outputLeftOpen: true })).toBe(
      `timed out after 1.2s (process group killed); ${note}`,
    );
  });

  it('describes real results in one line', async () => {
    const result = await runShellCommand('printf "a\\nb\\nc\\n"; exit 3', { timeoutMs: 10_000 });
    expect(describeResult(result)).toBe('exit status 3; output: a | b | c');
  });
});
