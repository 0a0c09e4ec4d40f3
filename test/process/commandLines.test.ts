// Command lines read from /proc, checked against a real process started with known arguments.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { commandLineText, readCommandLines } from '../../src/process/commandLines.js';
import { killQuietly } from '../support/processes.js';
import { waitFor } from '../support/waitFor.js';

describe('commandLineText', () => {
  it('joins the arguments with spaces, as pgrep -f and ps show them', () => {
    expect(commandLineText('python3\0crasher.py\0')).toBe('python3 crasher.py');
    expect(commandLineText('sh\0-c\0a b\0')).toBe('sh -c a b');
    expect(commandLineText('nginx: worker process\0\0\0')).toBe('nginx: worker process');
    expect(commandLineText('')).toBe('');
  });
});

describe('readCommandLines', () => {
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) killQuietly(pid);
  });

  it('lists a real process with its command line and process group; kernel threads have none', async () => {
    const child = spawn('sleep', ['600'], { argv0: 'sleep-for-readCommandLines', detached: true, stdio: 'ignore' });
    started.push(child.pid ?? 0);
    // Until exec, the forked child is not yet sleep.
    const found = await waitFor(() => readCommandLines().find((e) => e.pid === child.pid), {
      what: 'the sleep to be listed',
      until: (e) => e?.commandLine.startsWith('sleep-for') === true,
    });
    expect(found).toEqual({ pid: child.pid, commandLine: 'sleep-for-readCommandLines 600', pgrp: child.pid, running: true });
    expect(readCommandLines().find((e) => e.pid === 2)?.commandLine ?? '').toBe('');
  });
});
