// findInstances against real processes: a real `python3 crasher.py` found by match, and never
// a command the agent is running whose command line holds the pattern, nor the agent (this
// process) or its parents; pid files that are right, stale, recycled, others' to write, or
// that name a protected process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShellCommand } from '../../../src/exec/runCommand.js';
import { findUntrustedPath } from '../../../src/fs/findUntrustedPath.js';
import { readProtectedPids } from '../../../src/process/readProtectedPids.js';
import { findInstances } from '../../../src/restart/strategies/findInstances.js';
import { crasherTag, PLAIN_PATH, writeCrasher } from '../../support/crasher.js';
import { isGone, killQuietly } from '../../support/processes.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

describe('findInstances', () => {
  let dir: string;
  const tag = crasherTag();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('monitor-instances-');
    writeCrasher(dir);
  });
  afterAll(async () => {
    for (const child of children) killQuietly(child.pid ?? 0);
    await removeTempDir(dir);
  });

  /** Runs `file args` in dir, with Debian's python3 first in PATH (no pyenv shim in between). */
  function start(file: string, args: string[]): ChildProcess {
    const child = spawn(file, args, { cwd: dir, detached: true, stdio: 'ignore', env: { ...process.env, PATH: PLAIN_PATH } });
    children.push(child);
    return child;
  }

  const byMatch = (source: string) => findInstances({ kind: 'match', name: 'crasher', pattern: new RegExp(source), source });
  const byPidFile = (file: string, untrustedPath?: (f: string) => string | undefined) =>
    findInstances({ kind: 'pid_file', name: 'crasher', file }, untrustedPath ? { untrustedPath } : {});

  it("finds python3 crasher.py by its command line, never the agent's own command holding the pattern", async () => {
    const crasher = start('python3', ['crasher.py', tag]);
    await waitFor(async () => (await byMatch(`^python3 crasher\\.py ${tag}$`)).pids, { what: 'crasher.py to run', until: (p) => p.includes(crasher.pid!) });
    const command = runShellCommand(`sleep 3; echo checking crasher.py ${tag}`, { timeoutMs: 10_000 });
    try {
      // The command's shell is running (its command line holds "crasher.py") while we look.
      await waitFor(() => commandShellRuns(tag), { what: "the command's shell" });
      expect((await byMatch(`crasher\\.py ${tag}`)).pids).toEqual([crasher.pid]);
    } finally {
      await command;
    }
  });

  it('never finds the agent (this process) or its parents, whatever the pattern', async () => {
    const guard = await readProtectedPids();
    const found = (await byMatch('node|vitest|sh')).pids;
    expect(found.filter((pid) => guard.has(pid))).toEqual([]);
    expect(found).not.toContain(process.pid);
  });

  it('takes the PID in a pid file written after the process started', async () => {
    const crasher = start('python3', ['crasher.py', tag]);
    const file = path.join(dir, 'good.pid');
    writeFileSync(file, `${crasher.pid}\n`);
    expect(await byPidFile(file)).toEqual({ pids: [crasher.pid], note: `PID ${crasher.pid} from pid file ${file}` });
  });

  it('calls a pid file whose process is gone stale', async () => {
    const gone = start('python3', ['crasher.py', tag, '--exit-after=0']);
    await waitFor(() => isGone(gone.pid!), { what: 'the short crasher to exit' });
    const file = path.join(dir, 'dead.pid');
    writeFileSync(file, `${gone.pid}\n`);
    expect(await byPidFile(file)).toEqual({ pids: [], stale: true, note: `pid file ${file} names PID ${gone.pid}, which is not running (a stale pid file)` });
  });

  it('calls a pid file stale when its PID is now another program, started after the file was written', async () => {
    const other = start('sleep', ['600']);
    await waitFor(() => isGone(other.pid!), { what: 'sleep to run', until: (g) => !g });
    const file = path.join(dir, 'reused.pid');
    writeFileSync(file, `${other.pid}\n`);
    const anHourAgo = Date.now() / 1000 - 3600;
    utimesSync(file, anHourAgo, anHourAgo);
    const found = await byPidFile(file);
    expect(found).toMatchObject({ pids: [], stale: true });
    expect(found.note).toMatch(
      new RegExp(
        `^pid file ${file} names PID ${other.pid}, which is now another program \\("sleep 600", started 3[56]\\d\\d\\.\\d s after the file was written\\): a reused PID, not crasher; never signalled$`,
      ),
    );
  });

  it('refuses a pid file that someone other than root could change', async () => {
    const file = path.join(dir, 'open.pid');
    writeFileSync(file, `${process.pid}\n`);
    chmodSync(file, 0o666);
    const found = await byPidFile(file, findUntrustedPath);
    expect(found.pids).toEqual([]);
    expect(found.refusal).toBe(
      `pid_file ${file} is owned by root but writable by group or others (mode 0666): refused, since whoever can change it could make the agent (root) signal any process (let only root write it, or identify crasher with match)`,
    );
  });

  it('refuses a pid file that names the agent itself or PID 1', async () => {
    const self = path.join(dir, 'self.pid');
    writeFileSync(self, `${process.pid}\n`);
    expect(await byPidFile(self)).toEqual({ pids: [], refusal: `pid file ${self} names PID ${process.pid}, which is the agent itself: never signalled` });
    const init = path.join(dir, 'init.pid');
    writeFileSync(init, '1\n');
    expect((await byPidFile(init)).refusal).toBe(`pid file ${init} names PID 1, which is PID 1 (the init system): never signalled`);
  });
});

/** Some process's command line is the test command's shell. */
function commandShellRuns(tag: string): boolean {
  return execFileLines('pgrep', ['-f', `^/bin/sh -c sleep 3; echo checking crasher.py ${tag}$`]).length > 0;
}

function execFileLines(file: string, args: string[]): string[] {
  try {
    return execFileSync(file, args, { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
