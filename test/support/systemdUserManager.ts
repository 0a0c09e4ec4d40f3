// Lifecycle of a private systemd user manager, for tests of the `service` restart strategy
// (DESIGN.md, "Test harness recipes"). No vitest imports: globalSetup probes with it too.
// The manager runs in its own mount namespace, where /run/systemd/system exists on a tmpfs
// so that systemd believes it was booted with systemd; the host's /run/systemd is never
// touched. Where the cgroup tree is writable, the manager also gets a cgroup of its own, so
// that two managers (test files in parallel) do not share /app.slice, and stop() can kill
// everything it ever started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, open, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { findAbandoned, recordOwner } from './ownership.js';
import { identifyProcess, isGone, isStillRunning, killQuietly, type ProcessIdentity } from './processes.js';
import { makeTempDir, removeTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

export interface SystemctlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface UserManager {
  /** XDG_RUNTIME_DIR of the manager (0700); its control socket is runtimeDir/systemd/private. */
  runtimeDir: string;
  /** XDG_CONFIG_HOME of the manager. */
  configDir: string;
  /** Where unit files go: configDir/systemd/user. */
  unitDir: string;
  /** Environment that points `systemctl --user` (and the agent under test) at this manager. */
  env: { XDG_RUNTIME_DIR: string; XDG_CONFIG_HOME: string };
  /** Pid of the manager process. */
  pid: number;
  /** Runs `systemctl --user ...args` against this manager; never throws on a non-zero exit. */
  systemctl(...args: string[]): Promise<SystemctlResult>;
  /** Writes unitDir/name and runs daemon-reload. */
  writeUnit(name: string, text: string): Promise<void>;
  /** MainPID of a unit (0 when it has no running main process). */
  mainPid(unit: string): Promise<number>;
  /** Kills the manager and every process it started, and removes its directories. Idempotent. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'monitor-systemd-';
const SYSTEMD_BINARY = '/lib/systemd/systemd';
const READY_TIMEOUT_MS = 20_000;
const KILL_TIMEOUT_MS = 10_000;

// Runs as the spawned process itself (unshare -m does not fork), so the pid we get is the
// manager's. "$@" are cgroup directories to join first. Each step is chained with && so
// that /run/systemd/system is only created on the private tmpfs, never on the host.
const LAUNCH_SCRIPT = `
for dir in "$@"; do echo $$ > "$dir/cgroup.procs" || exit 1; done
exec unshare -m sh -c 'mkdir -p /run/systemd && mount -t tmpfs tmpfs /run/systemd && mkdir /run/systemd/system && exec ${SYSTEMD_BINARY} --user'
`;

/** Why a user manager cannot even be attempted here (missing programs, not root), or undefined. */
export async function systemdUserMissingReason(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'needs root (mount namespaces with a tmpfs on /run/systemd)';
  for (const program of [SYSTEMD_BINARY, '/usr/bin/unshare', '/usr/bin/systemctl']) {
    const found = await access(program).then(
      () => true,
      () => false,
    );
    if (!found) return `${program} not found (Debian packages systemd and util-linux; run scripts/setup-dev.sh)`;
  }
  return undefined;
}

/** Starts a private user manager and waits until it reports running (or degraded). */
export async function startUserManager(): Promise<UserManager> {
  const missing = await systemdUserMissingReason();
  if (missing) throw new Error(`cannot start a systemd user manager: ${missing}`);
  const dirs = await createManagerDirs();
  const cgroupDirs = await createPrivateCgroup(`monitor-test-${process.pid}-${randomBytes(3).toString('hex')}`);
  const child = await launchManager(dirs.env, dirs.logFile, cgroupDirs);
  const systemctl = systemctlFor(dirs.env);
  const stop = memoize(async () => {
    await killEverything(hasExited(child) ? undefined : child.pid, cgroupDirs);
    await removeTempDir(dirs.baseDir);
  });

  try {
    const manager = child.pid === undefined ? undefined : await identifyProcess(child.pid);
    await recordOwner<Leftovers>(dirs.baseDir, { manager, cgroupDirs });
    await waitUntilRunning(child, systemctl, dirs.logFile);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    runtimeDir: dirs.runtimeDir,
    configDir: dirs.configDir,
    unitDir: dirs.unitDir,
    env: dirs.env,
    pid: child.pid!,
    systemctl,
    stop,
    async writeUnit(name, text) {
      await writeFile(path.join(dirs.unitDir, name), text);
      await checked(systemctl('daemon-reload'), 'daemon-reload');
    },
    async mainPid(unit) {
      const { stdout } = await checked(systemctl('show', '--property=MainPID', '--value', '--', unit), `show ${unit}`);
      return Number.parseInt(stdout.trim(), 10);
    },
  };
}

interface ManagerDirs {
  baseDir: string;
  runtimeDir: string;
  configDir: string;
  unitDir: string;
  logFile: string;
  env: UserManager['env'];
}

async function createManagerDirs(): Promise<ManagerDirs> {
  const baseDir = await makeTempDir(DIR_PREFIX);
  const runtimeDir = path.join(baseDir, 'runtime');
  const configDir = path.join(baseDir, 'config');
  const unitDir = path.join(configDir, 'systemd', 'user');
  await mkdir(runtimeDir, { mode: 0o700 });
  await mkdir(unitDir, { recursive: true });
  const env = { XDG_RUNTIME_DIR: runtimeDir, XDG_CONFIG_HOME: configDir };
  return { baseDir, runtimeDir, configDir, unitDir, logFile: path.join(baseDir, 'manager.log'), env };
}

function systemctlFor(env: UserManager['env']): UserManager['systemctl'] {
  return async (...args) => {
    const result = await execa('systemctl', ['--user', ...args], { env, reject: false });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
  };
}

async function launchManager(env: UserManager['env'], logFile: string, cgroupDirs: string[]): Promise<ChildProcess> {
  const log = await open(logFile, 'w');
  try {
    // Own session: a Ctrl-C meant for vitest must not reach units before stop() runs.
    const child = spawn('sh', ['-c', LAUNCH_SCRIPT, 'sh', ...cgroupDirs], {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      // Log to our file, not to a journal that does not exist.
      env: { ...process.env, ...env, SYSTEMD_LOG_TARGET: 'console' },
    });
    child.on('error', () => undefined); // reported by waitUntilRunning through exitCode/log
    child.unref();
    return child;
  } finally {
    await log.close();
  }
}

async function waitUntilRunning(child: ChildProcess, systemctl: UserManager['systemctl'], logFile: string): Promise<void> {
  // `systemctl is-system-running` prints "offline" from outside the namespace: it checks
  // the caller's /run/systemd/system. The manager's own SystemState is what counts.
  const state = await waitFor(async () => (hasExited(child) ? 'exited' : (await systemctl('show', '--property=SystemState', '--value')).stdout.trim()), {
    what: 'the systemd user manager to be running',
    until: (s) => ['running', 'degraded', 'exited'].includes(s),
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 100,
  }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n--- manager log ---\n${await logTail(logFile)}`);
  });
  if (state === 'exited') {
    throw new Error(`systemd user manager exited (code ${child.exitCode}, signal ${child.signalCode})\n--- manager log ---\n${await logTail(logFile)}`);
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

async function logTail(logFile: string): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').slice(-20).join('\n') || '(empty)';
}

async function checked(pending: Promise<SystemctlResult>, what: string): Promise<SystemctlResult> {
  const result = await pending;
  if (result.exitCode !== 0) throw new Error(`systemctl --user ${what} failed (${result.exitCode}): ${result.stderr}`);
  return result;
}

function memoize(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= run());
}

// ---- cgroups --------------------------------------------------------------------------

/**
 * Creates `name` under our own cgroup in each hierarchy systemd uses: cgroup v2 alone
 * (/sys/fs/cgroup), or the hybrid layout (name=systemd v1 plus /sys/fs/cgroup/unified).
 * Returns [] when that is impossible (read-only cgroupfs); then stop() falls back to
 * killing the manager's process tree.
 */
async function createPrivateCgroup(name: string): Promise<string[]> {
  const created: string[] = [];
  try {
    for (const dir of await cgroupParentDirs()) {
      const child = path.join(dir, name);
      await mkdir(child);
      created.push(child);
    }
    return created;
  } catch {
    await Promise.all(created.map((dir) => rmdir(dir).catch(() => undefined)));
    return [];
  }
}

async function cgroupParentDirs(): Promise<string[]> {
  const own = parseProcCgroup(await readFile('/proc/self/cgroup', 'utf8'));
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );
  const v2 = own.get('');
  if (await exists('/sys/fs/cgroup/cgroup.controllers')) {
    return v2 === undefined ? [] : [path.join('/sys/fs/cgroup', v2)];
  }
  const dirs: string[] = [];
  const v1 = own.get('name=systemd');
  if (v1 !== undefined && (await exists('/sys/fs/cgroup/systemd/cgroup.procs'))) dirs.push(path.join('/sys/fs/cgroup/systemd', v1));
  if (v2 !== undefined && (await exists('/sys/fs/cgroup/unified/cgroup.controllers'))) dirs.push(path.join('/sys/fs/cgroup/unified', v2));
  return dirs;
}

/** Maps controller list ('' for v2, 'name=systemd', …) to our path in that hierarchy. */
function parseProcCgroup(text: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of text.trim().split('\n')) {
    const [, controllers, cgroupPath] = line.match(/^\d+:([^:]*):(.*)$/) ?? [];
    if (controllers !== undefined && cgroupPath !== undefined) paths.set(controllers, cgroupPath);
  }
  return paths;
}

// ---- stopping ----------------------------------------------------------------------------

/** What a dead test process may have left running, recorded with recordOwner(). */
interface Leftovers {
  manager: ProcessIdentity | undefined;
  cgroupDirs: string[];
}

/** Kills managers whose owning process died without stopping them; returns their directories. */
export async function reapAbandonedUserManagers(): Promise<string[]> {
  const abandoned = await findAbandoned<Leftovers>(DIR_PREFIX);
  for (const { dir, extra } of abandoned) {
    const alive = extra.manager !== undefined && (await isStillRunning(extra.manager));
    await killEverything(alive ? extra.manager?.pid : undefined, extra.cgroupDirs);
    await removeTempDir(dir);
  }
  return abandoned.map(({ dir }) => dir);
}

/**
 * SIGKILL for the manager and all it started. A graceful stop would wait for each unit's
 * stop timeout; the tests have nothing to gain from it. With a private cgroup the set of
 * processes is exact (daemons that double-forked included); without one, the manager is a
 * subreaper, so its process tree still holds everything it started.
 */
async function killEverything(managerPid: number | undefined, cgroupDirs: string[]): Promise<void> {
  if (cgroupDirs.length > 0) {
    await killCgroups(cgroupDirs);
    await removeCgroups(cgroupDirs);
  } else if (managerPid !== undefined) {
    await killProcessTree(managerPid);
  }
}

export async function killCgroups(cgroupDirs: string[]): Promise<void> {
  await waitFor(
    async () => {
      const pids = (await Promise.all(cgroupDirs.map(pidsInCgroupTree))).flat();
      for (const pid of pids) killQuietly(pid);
      return pids;
    },
    { what: 'the private cgroup to be empty', until: (pids) => pids.length === 0, timeoutMs: KILL_TIMEOUT_MS, intervalMs: 50 },
  );
}

export async function pidsInCgroupTree(dir: string): Promise<number[]> {
  const procs = await readFile(path.join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
  const pids = procs.split('\n').filter(Boolean).map(Number);
  for (const sub of await subdirectories(dir)) pids.push(...(await pidsInCgroupTree(sub)));
  return pids;
}

/** cgroup directories can only be removed with rmdir, children first. */
export async function removeCgroups(cgroupDirs: string[]): Promise<void> {
  for (const dir of cgroupDirs) await removeCgroupTree(dir);
}

async function removeCgroupTree(dir: string): Promise<void> {
  for (const sub of await subdirectories(dir)) await removeCgroupTree(sub);
  // A just-killed task can keep the directory busy for a moment.
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      await sleep(50);
    }
  }
}

async function subdirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(dir, entry.name));
}

/** Stops the root first so it cannot fork while its descendants are listed, then kills all. */
export async function killProcessTree(rootPid: number): Promise<void> {
  killQuietly(rootPid, 'SIGSTOP');
  const pids = [rootPid, ...(await descendantsOf(rootPid))];
  for (const pid of pids) killQuietly(pid);
  await waitFor(async () => (await Promise.all(pids.map(isGone))).every(Boolean), {
    what: `processes ${pids.join(', ')} to exit`,
    timeoutMs: KILL_TIMEOUT_MS,
  });
}

async function descendantsOf(rootPid: number): Promise<number[]> {
  const childrenOf = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    const parent = stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent !== undefined) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const children = childrenOf.get(queue.shift()!) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}
