import { describe, expect, it } from 'vitest';
import { findByCommandLine, type CommandLineEntry } from '../../src/process/findByCommandLine.js';

const entry = (pid: number, commandLine: string, pgrp = pid, running = true): CommandLineEntry => ({ pid, commandLine, pgrp, running });
const none = { pids: new Set<number>(), groups: new Set<number>() };

describe('findByCommandLine', () => {
  const table = [
    entry(10, 'python3 crasher.py'),
    entry(11, 'python3 /opt/app/crasher.py --verbose'),
    entry(12, 'vim crasher.py'),
    entry(13, 'python3 other.py'),
    entry(2, ''), // a kernel thread
  ];

  it('finds the processes whose whole command line matches, like pgrep -f', () => {
    expect(findByCommandLine(table, /crasher\.py/, none)).toEqual([10, 11, 12]);
    expect(findByCommandLine(table, /^python3 (.*\/)?crasher\.py( |$)/, none)).toEqual([10, 11]);
  });

  it('never finds a kernel thread or a zombie', () => {
    expect(findByCommandLine([entry(2, ''), entry(20, 'python3 crasher.py', 20, false)], /.?/, none)).toEqual([]);
  });

  it('never finds the agent, its parents, or a command the agent runs (by its process group)', () => {
    const commands = [entry(30, '/bin/sh -c sleep 3; echo crasher.py', 30), entry(31, 'sleep 3 crasher.py', 30), entry(40, 'node agent.js crasher.py', 40)];
    const excluded = { pids: new Map([[40, 'the agent itself']]), groups: new Set([30]) };
    expect(findByCommandLine([...table, ...commands], /crasher\.py/, excluded)).toEqual([10, 11, 12]);
  });
});
