// crasher.py: a tiny Python program as the issue names it, run as `python3 crasher.py TAG`.
// The machine is shared (other test files, other users' runs): each test gives its
// instances a tag of their own, so its `match` pattern finds only them.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** `python3 crasher.py [TAG] [--exit-after=S]`: runs until killed, or exits with status 1 after S seconds. */
export const CRASHER_PY = [
  'import sys, time',
  "after = [float(a.split('=', 1)[1]) for a in sys.argv[1:] if a.startswith('--exit-after=')]",
  'time.sleep(after[0] if after else 3600)',
  'sys.exit(1)',
  '',
].join('\n');

/** Writes crasher.py into dir; returns its path. */
export function writeCrasher(dir: string): string {
  const file = path.join(dir, 'crasher.py');
  writeFileSync(file, CRASHER_PY);
  return file;
}

/** A tag no other crasher.py on the machine carries. */
export function crasherTag(): string {
  return `id-${randomBytes(4).toString('hex')}`;
}

/** Debian's python3 first, as on a server (no pyenv shim between the shell and python3). */
export const PLAIN_PATH = '/usr/bin:/bin';
