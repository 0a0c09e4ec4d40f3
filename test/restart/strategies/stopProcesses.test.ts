// stopProcesses against real processes: SIGTERM, SIGKILL for one that ignores it, a zombie
// counted as gone, and protected PIDs never signalled.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { stopProcesses } from '../../../src/restart/strategies/stopProcesses.js';
import { isGone, killQuietly } from '../../support/processes.js';
import { waitFor } from '../../support/waitFor.js';

const started: ChildProcess[] = [];
function start(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  started.push(child);
  return child;
}
const running = (pid: number) => waitFor(async () => !(await isGone(pid)), { what: `PID ${pid} to run` });
const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

describe('stopProcesses', () => {
  afterEach(() => {
    for (const child of started.splice(0)) if (child.pid !== undefined) killQuietly(-child.pid);
  });

  it('stops with SIGTERM, and with SIGKILL one that ignores SIGTERM, confirming both are gone', async () => {
    const polite = start('/bin/sleep', ['600']);
    const stubborn = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"], {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    started.push(stubborn);
    await new Promise((resolve) => stubborn.stdout?.once('data', resolve));
    await running(polite.pid!);
    const report = await stopProcesses([polite.pid!, stubborn.pid!], 300, { guard: new Map() });
    expect(report).toEqual({ terminated: 1, killed: 1, failures: [], interrupted: false });
    expect(await isGone(polite.pid!)).toBe(true);
    expect(await isGone(stubborn.pid!)).toBe(true);
  });

  it('ends the SIGTERM wait at once when the signal aborts, reports the stop interrupted and sends no SIGKILL', async () => {
    const stubborn = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => console.log('term')); console.log('ready'); setInterval(() => {}, 1000)"], {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    started.push(stubborn);
    const lines: string[] = [];
    stubborn.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n')));
    await waitFor(() => lines.includes('ready'), { what: 'the stubborn process to start' });
    const abort = new AbortController();
    const began = Date.now();
    const stopping = stopProcesses([stubborn.pid!], 30_000, { guard: new Map(), signal: abort.signal });
    await waitFor(() => lines.includes('term'), { what: 'SIGTERM to arrive' });
    abort.abort();
    expect(await stopping).toEqual({ terminated: 0, killed: 0, failures: [], interrupted: true });
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(await isGone(stubborn.pid!)).toBe(false);
  });

  it('counts a zombie as gone, without waiting out the grace period', async () => {
    // The sleep 600 is the child of a process that never reaps it: it stays a zombie.
    const parent = start('/bin/sh', ['-c', '/bin/sleep 600 & exec /bin/sleep 601']);
    const [child] = await waitFor(() => childrenOf(parent.pid!), { what: 'the child to start', until: (c) => c.length === 1 });
    const began = Date.now();
    const report = await stopProcesses([child!], 10_000, { guard: new Map() });
    expect(report).toEqual({ terminated: 1, killed: 0, failures: [], interrupted: false });
    expect(Date.now() - began).toBeLessThan(5000);
    expect(readFileSync(`/proc/${child}/stat`, 'utf8')).toMatch(/\) Z /);
  });

  it('signals nothing when one of the processes is protected', async () => {
    const ordinary = start('/bin/sleep', ['600']);
    const guarded = start('/bin/sleep', ['600']);
    await running(ordinary.pid!);
    await running(guarded.pid!);
    const report = await stopProcesses([ordinary.pid!, guarded.pid!], 300, { guard: new Map([[guarded.pid!, 'PID 1 (the init system)']]) });
    expect(report).toEqual({ terminated: 0, killed: 0, failures: [`PID ${guarded.pid} is PID 1 (the init system): never signalled`], interrupted: false });
    expect(await isGone(ordinary.pid!)).toBe(false);
    expect(await isGone(guarded.pid!)).toBe(false);
  });

  it('never signals the agent itself, its parents or PID 1 on its own account', async () => {
    const report = await stopProcesses([process.pid, process.ppid, 1], 300);
    expect(report.failures).toEqual([
      `PID ${process.pid} is the agent itself: never signalled`,
      `PID ${process.ppid} is one of the agent's parent processes: never signalled`,
      'PID 1 is PID 1 (the init system): never signalled',
    ]);
  });

  it('treats a PID already gone as stopped', async () => {
    const child = start('/bin/true', []);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(await stopProcesses([child.pid!], 300, { guard: new Map() })).toEqual({ terminated: 0, killed: 0, failures: [], interrupted: false });
  });
});
