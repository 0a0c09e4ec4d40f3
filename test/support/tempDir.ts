// Temporary directories for tests: created fresh, removed without fuss.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Creates a fresh, empty directory under the system temp dir (mode 0700). */
export async function makeTempDir(prefix = 'monitor-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a directory tree; a directory that is already gone is not an error. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Runs `use` with a fresh directory and removes it afterwards, whatever happens. */
export async function withTempDir<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await makeTempDir(prefix);
  try {
    return await use(dir);
  } finally {
    await removeTempDir(dir);
  }
}
