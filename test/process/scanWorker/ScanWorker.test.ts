// The /proc scan worker as the built agent runs it (dist/…/scanWorkerMain.js, a real
// worker thread): its table shows the processes running, and a worker that is stuck,
// fails or was stopped rejects the walks it owed, so the caller walks by itself.
import { spawn } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanWorker } from '../../../src/process/scanWorker/ScanWorker.js';
import { killQuietly } from '../../support/processes.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

const PROGRAM = fileURLToPath(new URL('../../../dist/process/scanWorker/scanWorkerMain.js', import.meta.url));

describe('ScanWorker', () => {
  let worker: ScanWorker | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    worker?.close();
    if (dir) await removeTempDir(dir);
  });

  async function onlineWorker(program: string, answerTimeoutMs?: number, idleMs?: number): Promise<ScanWorker> {
    worker = new ScanWorker(program, answerTimeoutMs, idleMs);
    expect(worker.available).toBe(true); // npm test builds dist/ first
    worker.start();
    await waitFor(() => worker!.ready, { what: 'the scan worker to be online' });
    return worker;
  }

  it('walks /proc in its thread: the table has a process started just before, under its name', async () => {
    dir = await makeTempDir('scan-worker-');
    const name = `scanw${process.pid % 100_000}`;
    await symlink('/usr/bin/sleep', path.join(dir, name));
    const child = spawn(path.join(dir, name), ['30'], { stdio: 'ignore' });
    try {
      const w = await onlineWorker(PROGRAM);
      const table = await w.scan();
      expect(table.get(name)).toEqual([child.pid]);
      expect(table.get(name.slice(0, 3))).toBeUndefined();
      // Walks asked at once are answered in order, each a fresh walk.
      const [first, second] = await Promise.all([w.scan(), w.scan()]);
      expect(first.get(name)).toEqual([child.pid]);
      expect(second.get(name)).toEqual([child.pid]);
    } finally {
      if (child.pid !== undefined) killQuietly(child.pid);
    }
  });

  it('goes away once it has had nothing to walk for its idle time', async () => {
    const w = await onlineWorker(PROGRAM, undefined, 1_000);
    await w.scan();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await w.scan(); // a walk starts the idle time again
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(w.ready).toBe(true); // 1.2 s after the first walk, 0.6 s after the last
    await waitFor(() => !w.ready, { what: 'the idle worker to stop' });
  });

  it('rejects a walk it does not answer in time, and is stopped', async () => {
    dir = await makeTempDir('scan-worker-');
    const silent = path.join(dir, 'silent.mjs');
    await writeFile(silent, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => undefined);\n");
    const w = await onlineWorker(silent, 200);
    await expect(w.scan()).rejects.toThrow(/did not answer within 200 ms/);
    expect(w.ready).toBe(false);
    await expect(w.scan()).rejects.toThrow(/not running/);
  });

  it('rejects the walks it owed when it fails, and when it is closed', async () => {
    dir = await makeTempDir('scan-worker-');
    const failing = path.join(dir, 'failing.mjs');
    await writeFile(failing, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('no /proc here'); });\n");
    const w = await onlineWorker(failing);
    await expect(w.scan()).rejects.toThrow(/scan worker failed: no \/proc here/);
    expect(w.ready).toBe(false);

    const closing = await onlineWorker(PROGRAM);
    const owed = closing.scan();
    closing.close();
    // Answered before the stop took effect, or rejected by it: never left pending.
    await Promise.race([
      owed.then(
        () => 'answered',
        () => 'rejected',
      ),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 5_000)),
    ]).then((how) => expect(how).not.toBe('pending'));
  });

  it('is not available where the program is missing (the TypeScript sources): the caller walks by itself', () => {
    worker = new ScanWorker('/nonexistent/scanWorkerMain.js');
    expect(worker.available).toBe(false);
    worker.start();
    expect(worker.ready).toBe(false);
  });
});
