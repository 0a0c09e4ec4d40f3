// The process strategy honours its abort signal (the agent's hard stop) while it
// waits out stop_timeout for an instance that ignores SIGTERM: it returns at once,
// as a failed restart that says it was interrupted, and starts nothing beside the
// instance that is still running.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProcessSettings } from '../../../src/config/resolveProcessSettings.js';
import { processStrategy } from '../../../src/restart/strategies/processStrategy.js';
import { isGone, killQuietly } from '../../support/processes.js';
import { makeSleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

describe('process strategy, aborted while waiting out stop_timeout', () => {
  let dir: string;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await makeTempDir();
  });
  afterAll(async () => {
    for (const child of started) if (child.pid !== undefined) killQuietly(-child.pid);
    await removeTempDir(dir);
  });

  it('returns well before stop_timeout, as an interrupted failure, and starts nothing', async () => {
    // A script under a unique name (its comm) that notes SIGTERM and keeps running.
    const name = `stub${randomBytes(3).toString('hex')}`;
    const script = path.join(dir, name);
    const log = path.join(dir, `${name}.log`);
    writeFileSync(script, `#!/bin/sh\ntrap 'echo term >> ${log}' TERM\necho ready >> ${log}\nwhile :; do sleep 0.1; done\n`, { mode: 0o755 });
    const stubborn = spawn(script, [], { stdio: 'ignore', detached: true });
    started.push(stubborn);
    const logText = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    await waitFor(() => logText().includes('ready'), { what: `${name} to start` });

    const marker = path.join(dir, 'started-again');
    const settings = resolveProcessSettings(
      {},
      { restart_strategy: 'process', start_command: `touch ${marker}`, stop_timeout: 30, process_launcher: 'detach' },
    );
    const abort = new AbortController();
    const began = Date.now();
    const restarting = processStrategy(1, name, settings).restart(abort.signal);
    await waitFor(() => logText().includes('term'), { what: `${name} to receive SIGTERM` });
    abort.abort();
    const result = await restarting;

    expect(Date.now() - began).toBeLessThan(10_000);
    expect(result).toEqual({
      ok: false,
      detail: `interrupted while stopping ${name} (stopped 0 with SIGTERM, 0 with SIGKILL so far): not started again beside an instance that may still run`,
    });
    expect(existsSync(marker)).toBe(false);
    expect(await isGone(stubborn.pid!)).toBe(false);
  });

  it('signals nothing when it is already aborted', async () => {
    const sleeper = makeSleeper(dir, 'abrt');
    const running = spawn(sleeper.binary, ['600'], { stdio: 'ignore', detached: true });
    started.push(running);
    await waitFor(() => sleeper.pids().includes(running.pid ?? -1), { what: `${sleeper.name} to run` });
    const settings = resolveProcessSettings({}, { restart_strategy: 'process', start_command: sleeper.startCommand, process_launcher: 'detach' });
    const result = await processStrategy(2, sleeper.name, settings).restart(AbortSignal.abort());
    expect(result).toEqual({ ok: false, detail: `interrupted before ${sleeper.name} was stopped: nothing signalled, nothing started` });
    expect(sleeper.pids()).toEqual([running.pid]);
  });
});
