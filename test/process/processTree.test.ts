// processTreeOf against real processes: a shell, its child and grandchild.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processTreeOf } from '../../src/process/processTree.js';
import { killQuietly } from '../support/processes.js';
import { waitFor } from '../support/waitFor.js';

const childrenOf = (pid: number): number[] => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);

describe('processTreeOf', () => {
  it('finds the process and every descendant, and nothing for a process that is gone', async () => {
    // sh → sh → sleep: two levels below the root.
    const root = spawn('/bin/sh', ['-c', '/bin/sh -c "/bin/sleep 30; :" & wait'], { stdio: 'ignore' });
    const rootPid = root.pid!;
    try {
      const middle = (await waitFor(() => childrenOf(rootPid)[0], { what: 'the middle shell' }))!;
      const leaf = (await waitFor(() => childrenOf(middle)[0], { what: 'the sleep' }))!;
      expect(processTreeOf(rootPid).sort()).toEqual([rootPid, middle, leaf].sort());
      expect(processTreeOf(leaf)).toEqual([leaf]);
    } finally {
      // A shell may exit on its own once its child is killed: gone already is fine.
      for (const pid of processTreeOf(rootPid)) killQuietly(pid);
    }
    await new Promise((resolve) => root.once('exit', resolve));
    expect(processTreeOf(rootPid)).toEqual([]);
  });
});
