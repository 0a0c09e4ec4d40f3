// Temp directories of servers and managers the harness starts record which process owns
// them. If that process died without cleaning up (a killed vitest run, a crashed worker),
// the next run finds the directory abandoned and stops what it left running.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { identifyProcess, isStillRunning, type ProcessIdentity } from './processes.js';

const OWNER_FILE = 'harness-owner.json';

interface OwnerRecord<Extra> {
  owner: ProcessIdentity;
  extra: Extra;
}

/** Records the calling process as owner of `dir`, with whatever a reaper will need later. */
export async function recordOwner<Extra>(dir: string, extra: Extra): Promise<void> {
  const owner = await identifyProcess();
  if (!owner) throw new Error('cannot read /proc/self/stat');
  const record: OwnerRecord<Extra> = { owner, extra };
  await writeFile(path.join(dir, OWNER_FILE), JSON.stringify(record));
}

/** Directories in the temp dir named `prefix*` whose recorded owner is no longer running. */
export async function findAbandoned<Extra>(prefix: string): Promise<{ dir: string; extra: Extra }[]> {
  const names = (await readdir(os.tmpdir())).filter((name) => name.startsWith(prefix));
  const abandoned: { dir: string; extra: Extra }[] = [];
  for (const name of names) {
    const dir = path.join(os.tmpdir(), name);
    const record = await readOwnerRecord<Extra>(dir);
    // No record: still being created by another run, or not ours to judge.
    if (record && !(await isStillRunning(record.owner))) abandoned.push({ dir, extra: record.extra });
  }
  return abandoned;
}

async function readOwnerRecord<Extra>(dir: string): Promise<OwnerRecord<Extra> | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, OWNER_FILE), 'utf8')) as OwnerRecord<Extra>;
  } catch {
    return undefined;
  }
}
