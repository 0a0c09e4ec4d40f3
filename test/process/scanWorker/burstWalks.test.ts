// processTable() as the built agent runs it (dist/, where the scan worker's program
// exists): a lone walk stays on the caller's thread; walks that come in a burst go to
// the worker thread, and every table still shows each process started before it was asked.
import { spawn, type ChildProcess } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killQuietly } from '../../support/processes.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

type ProcessTableModule = typeof import('../../../src/process/processTable.js');
const BUILT = pathToFileURL(fileURLToPath(new URL('../../../dist/process/processTable.js', import.meta.url))).href;

describe('processTable in the built agent', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('burst-walks-');
  });
  afterAll(async () => {
    for (const child of children) if (child.pid !== undefined) killQuietly(child.pid);
    await removeTempDir(dir);
  });

  async function startNamed(name: string): Promise<number> {
    await symlink('/usr/bin/sleep', path.join(dir, name));
    const child = spawn(path.join(dir, name), ['30'], { stdio: 'ignore' });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    return child.pid!;
  }

  it('moves the walks of a burst to the scan worker, and each table has the process started just before', async () => {
    const built = (await import(BUILT)) as ProcessTableModule; // npm test builds dist/ first
    const lone = await startNamed(`bw${process.pid % 100_000}x0`);
    expect((await built.processTable()).get(`bw${process.pid % 100_000}x0`)).toEqual([lone]);
    expect(built.walksInWorker()).toBe(false);

    const inWorker: boolean[] = [];
    for (let i = 1; i <= 12; i++) {
      const name = `bw${process.pid % 100_000}x${i}`;
      const pid = await startNamed(name);
      const table = await built.processTable();
      expect(table.get(name)).toEqual([pid]);
      inWorker.push(built.walksInWorker());
    }
    // Four walks within a second make a burst; the worker is online a few milliseconds later.
    expect(inWorker.slice(0, 2)).toEqual([false, false]);
    expect(inWorker.at(-1)).toBe(true);
  });
});
