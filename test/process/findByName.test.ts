import { describe, expect, it } from 'vitest';
import { findByName } from '../../src/process/findByName.js';
import { carriesFullName } from '../../src/process/matchesFullName.js';
import { parseProcStat } from '../../src/process/procStat.js';

describe('findByName', () => {
  // comm keeps 15 characters: "queue-worker-em" for both long names below.
  const table = new Map([
    ['queue-worker-em', [10, 11, 12]],
    ['nginx', [20, 21]],
  ]);
  const fullNames = new Map([
    [10, 'queue-worker-emails'],
    [11, 'queue-worker-emails-bulk'],
    [12, 'queue-worker-emails'],
  ]);
  const probes = { fullNameOf: (pid: number, name: string) => fullNames.get(pid) === name, isRunning: () => true };

  it('answers a name of up to 15 characters from comm alone', () => {
    let reads = 0;
    expect(findByName(table, 'nginx', { ...probes, fullNameOf: () => (reads++, true) })).toEqual([20, 21]);
    expect(reads).toBe(0);
  });

  it('checks the full name of each candidate for a longer name', () => {
    expect(findByName(table, 'queue-worker-emails', probes)).toEqual([10, 12]);
    expect(findByName(table, 'queue-worker-emails-bulk', probes)).toEqual([11]);
    expect(findByName(table, 'queue-worker-emXX', probes)).toEqual([]);
  });

  it('reads full names only of the candidates whose comm matches', () => {
    const asked: number[] = [];
    findByName(table, 'queue-worker-emails', { ...probes, fullNameOf: (pid) => (asked.push(pid), false) });
    expect(asked).toEqual([10, 11, 12]);
  });

  it('leaves out zombies: exited, only not yet reaped', () => {
    expect(findByName(table, 'nginx', { ...probes, isRunning: (pid) => pid !== 21 })).toEqual([20]);
    expect(findByName(table, 'queue-worker-emails', { ...probes, isRunning: (pid) => pid !== 10 })).toEqual([12]);
  });
});

describe('carriesFullName', () => {
  it('matches the basename of the executable, argv[0], or the script after its interpreter', () => {
    expect(carriesFullName('queue-worker-emails', '/opt/bin/queue-worker-emails', [])).toBe(true);
    expect(carriesFullName('queue-worker-emails', undefined, ['/opt/bin/queue-worker-emails', '--x'])).toBe(true);
    expect(carriesFullName('queue-worker-emails', '/usr/bin/python3.11', ['/usr/bin/python3', '/opt/queue-worker-emails'])).toBe(true);
    expect(carriesFullName('queue-worker-emails', '/opt/bin/queue-worker-emails (deleted)', [])).toBe(true);
  });

  it('does not match a longer or shorter name sharing the prefix', () => {
    expect(carriesFullName('queue-worker-emails', '/opt/bin/queue-worker-emails-bulk', ['/opt/bin/queue-worker-emails-bulk'])).toBe(false);
    expect(carriesFullName('queue-worker-emails-bulk', '/opt/bin/queue-worker-emails', ['queue-worker-emails', ''])).toBe(false);
  });
});

describe('parseProcStat', () => {
  it('reads state, parent, process group and start time past a comm holding spaces and parentheses', () => {
    const line = '42 (a b) c)) S 7 40 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 123456 1000 10 18446744073709551615';
    expect(parseProcStat(line)).toEqual({ state: 'S', ppid: 7, pgrp: 40, startTime: '123456' });
  });
});
