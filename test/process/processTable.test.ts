// processTable() against the real /proc: names as the kernel keeps them, every pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processTable } from '../../src/process/processTable.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('processTable', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  const name = `ptable${process.pid % 100000}`;

  beforeAll(async () => {
    dir = await makeTempDir();
    const binary = path.join(dir, name);
    copyFileSync('/bin/sleep', binary);
    chmodSync(binary, 0o755);
    for (let i = 0; i < 2; i++) {
      const child = spawn(binary, ['30'], { stdio: 'ignore' });
      await new Promise((resolve) => child.once('spawn', resolve));
      children.push(child);
    }
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await removeTempDir(dir);
  });

  it('maps each name to the pids of all its instances', async () => {
    const table = await processTable();
    expect(table.get(name)?.sort()).toEqual(children.map((c) => c.pid).sort());
  });

  it('holds only real pids, and names without the trailing newline of /proc/PID/comm', async () => {
    const table = await processTable();
    for (const [comm, pids] of table) {
      expect(comm).not.toMatch(/\n/);
      for (const pid of pids) expect(Number.isInteger(pid) && pid > 0).toBe(true);
    }
    expect([...table.values()].flat()).toContain(process.pid);
  });
});
