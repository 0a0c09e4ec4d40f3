// Helpers for the install tests: run the scripts against a DESTDIR, and
// describe the resulting tree so two installs can be compared.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ScriptResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name> with DESTDIR set; never throws on a non-zero exit. */
export async function runScript(name: string, destdir: string, env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await execFileAsync(path.join(REPO_ROOT, 'scripts', name), [], {
      env: { ...process.env, DESTDIR: destdir, ...env },
      timeout: 120_000,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return { exitCode: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

/** package.json "bin": command name → entry point relative to the app directory. */
/** package.json "nodeFlags": the node flags each command's wrapper runs it with. */
export async function packageNodeFlags(): Promise<Record<string, string[]>> {
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { nodeFlags?: Record<string, string[]> };
  return pkg.nodeFlags ?? {};
}

export async function packageBins(): Promise<Record<string, string>> {
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return pkg.bin;
}

/** Builds the checkout if an entry point is missing (`npm test` builds first anyway). */
export async function ensureBuilt(): Promise<void> {
  const targets = Object.values(await packageBins());
  if (targets.every((t) => existsSync(path.join(REPO_ROOT, t)))) return;
  await execFileAsync('npm', ['run', 'build'], { cwd: REPO_ROOT, timeout: 300_000 });
}

export interface Entry {
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  /** sha256 of a file's content, a symlink's target, '' for directories. */
  content: string;
}

/** Every entry under `root`, keyed by its path relative to root. */
export async function describeTree(root: string): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  async function walk(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const full = path.join(dir, name);
      const st = await lstat(full);
      const base = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      const rel = path.relative(root, full);
      if (st.isSymbolicLink()) {
        out.set(rel, { ...base, type: 'symlink', content: await readlink(full) });
      } else if (st.isDirectory()) {
        out.set(rel, { ...base, type: 'dir', content: '' });
        await walk(full);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
        out.set(rel, { ...base, type: 'file', content: hash });
      }
    }
  }
  await walk(root);
  return out;
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

export function octal(mode: number): string {
  return mode.toString(8).padStart(3, '0');
}
