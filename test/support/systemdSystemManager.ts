// Lifecycle of a private systemd *system* manager, for tests of the default
// `systemd_scope = system` (DESIGN.md, "systemd as a system manager"). No vitest imports:
// globalSetup probes with it too.
//
// A real `systemd --system` runs as PID 1 of its own PID, mount, UTS and cgroup namespaces,
// in a cgroup2 directory of its own. It sees the host's filesystem (so programs, the test's
// temp dirs and the MariaDB socket are where they are outside), except: a tmpfs on /run (the
// host's /run/systemd/system must neither be seen nor created), read-only /sys and /proc/sys,
// stub targets over /usr/lib/systemd/system and a private unit directory over
// /etc/systemd/system (the host's units stay hidden). A program run with inside() reaches
// it with a plain `systemctl`, exactly as on a server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { findAbandoned, recordOwner } from './ownership.js';
import { identifyProcess, isGone, isStillRunning, killQuietly, type ProcessIdentity } from './processes.js';
import { killCgroups, pidsInCgroupTree, removeCgroups, type SystemctlResult } from './systemdUserManager.js';
import { makeTempDir, removeTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

export interface SystemManager {
  /** Host pid of the manager (PID 1 inside its namespace). */
  pid: number;
  /** Host path of the manager's /etc/systemd/system: unit files go here. */
  unitDir: string;
  /** Everything the manager and its units printed (there is no journald inside). */
  consoleLog: string;
  /** argv prefix that runs a program inside the manager's namespaces (nsenter …  --). */
  inside: readonly string[];
  /** Runs `systemctl ...args` inside; never throws on a non-zero exit. */
  systemctl(...args: string[]): Promise<SystemctlResult>;
  /** Writes unitDir/name and runs daemon-reload. */
  writeUnit(name: string, text: string): Promise<void>;
  /** Properties of a unit, e.g. show('app.service', ['MainPID', 'NRestarts']). Pids are namespace pids. */
  show(unit: string, properties: string[]): Promise<Record<string, string>>;
  /** Shuts the manager down (SIGKILL if it does not), kills what is left, removes its directories. Idempotent. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'monitor-sysmgr-';
const SYSTEMD_BINARY = '/lib/systemd/systemd';
const PROGRAMS = [SYSTEMD_BINARY, '/usr/bin/script', '/usr/bin/unshare', '/usr/bin/nsenter', '/usr/bin/systemctl'];
const READY_TIMEOUT_MS = 20_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** systemd's "poweroff" signal: SIGRTMIN+4, and glibc's SIGRTMIN is 34. Node has no name for it. */
const SIGRTMIN_PLUS_4 = 38;

// Targets a boot needs, without any of the host's dependencies. poweroff.target goes through
// a service whose SuccessAction makes the manager exit, as systemd-poweroff.service does.
const STUB_TARGETS = [
  'default',
  'sysinit',
  'basic',
  'multi-user',
  'local-fs',
  'swap',
  'sockets',
  'timers',
  'paths',
  'slices',
  'network',
  'emergency',
  'rescue',
  'shutdown',
  'umount',
  'final',
];
const STUB_UNITS: Record<string, string> = {
  ...Object.fromEntries(STUB_TARGETS.map((name) => [`${name}.target`, stubUnit(`stub ${name}`)])),
  'poweroff.target': stubUnit('stub poweroff', 'Requires=systemd-poweroff.service\nAfter=systemd-poweroff.service\nAllowIsolate=yes'),
  'systemd-poweroff.service': stubUnit(
    'stub poweroff service',
    'Requires=shutdown.target final.target\nAfter=shutdown.target final.target\nSuccessAction=exit-force',
  ),
};

function stubUnit(description: string, extra = ''): string {
  return `[Unit]\nDescription=${description}\nDefaultDependencies=no\n${extra}\n`;
}

// PID 1 of the new namespaces, before it becomes systemd. /run first: from then on nothing
// below can touch the host's /run. `set -e`: a step that fails stops the boot.
const INIT_SCRIPT = `set -e
mount -t tmpfs -o mode=0755 tmpfs /run
mount --bind /sys /sys
mount -o remount,bind,ro /sys
mount --bind /proc/sys /proc/sys
mount -o remount,bind,ro /proc/sys
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount --bind "$STUB_DIR" /usr/lib/systemd/system
mount --bind "$UNIT_DIR" /etc/systemd/system
mount --bind "$(tty)" /dev/console
exec env -i container=test SYSTEMD_GENERATOR_PATH=EMPTY SYSTEMD_ENVIRONMENT_GENERATOR_PATH=EMPTY \\
  ${SYSTEMD_BINARY} --system --unit=default.target --log-target=console
`;

// Run by `script`, which gives it the terminal systemd insists on for /dev/console.
const LAUNCH_COMMAND =
  'echo $$ > "$CGROUP_DIR/cgroup.procs" && exec unshare --pid --fork --kill-child --mount --uts --cgroup ' +
  '--propagation private --mount-proc sh "$INIT_SCRIPT"';

/** Why a system manager cannot even be attempted here (not root, missing programs, no cgroup2), or undefined. */
export async function systemdSystemMissingReason(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'needs root (PID, mount and cgroup namespaces)';
  for (const program of PROGRAMS) {
    const found = await access(program).then(
      () => true,
      () => false,
    );
    if (!found) return `${program} not found (Debian packages systemd, util-linux, bsdutils; run scripts/setup-dev.sh)`;
  }
  if ((await cgroup2ParentDir()) === undefined) return 'no writable cgroup2 hierarchy (/sys/fs/cgroup or /sys/fs/cgroup/unified)';
  return undefined;
}

/** Boots a private system manager and waits until it reports running (or degraded). */
export async function startSystemManager(): Promise<SystemManager> {
  const missing = await systemdSystemMissingReason();
  if (missing) throw new Error(`cannot start a systemd system manager: ${missing}`);
  const dirs = await createManagerDirs();
  const cgroupDir = path.join((await cgroup2ParentDir())!, `monitor-sysmgr-${process.pid}-${randomBytes(3).toString('hex')}`);
  await mkdir(cgroupDir);
  const launcher = launch(dirs, cgroupDir);
  let pid1: number | undefined;
  const stop = memoize(async () => {
    await shutDown(pid1, cgroupDir);
    await exited(launcher);
    await removeTempDir(dirs.baseDir);
  });

  try {
    await recordOwner<Leftovers>(dirs.baseDir, { manager: undefined, cgroupDir });
    pid1 = await waitForPid1(launcher, cgroupDir, dirs.consoleLog);
    await recordOwner<Leftovers>(dirs.baseDir, { manager: await identifyProcess(pid1), cgroupDir });
    const inside = ['nsenter', '-t', String(pid1), '-m', '-u', '-p', '-C', '--'];
    const systemctl = systemctlInside(inside);
    await waitUntilRunning(launcher, systemctl, dirs.consoleLog);
    return {
      pid: pid1,
      unitDir: dirs.unitDir,
      consoleLog: dirs.consoleLog,
      inside,
      systemctl,
      stop,
      async writeUnit(name, text) {
        await writeFile(path.join(dirs.unitDir, name), text);
        await checked(systemctl('daemon-reload'), 'daemon-reload');
      },
      async show(unit, properties) {
        const { stdout } = await checked(systemctl('show', `--property=${properties.join(',')}`, '--', unit), `show ${unit}`);
        return Object.fromEntries(
          stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
        );
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface ManagerDirs {
  baseDir: string;
  stubDir: string;
  unitDir: string;
  initScript: string;
  consoleLog: string;
}

async function createManagerDirs(): Promise<ManagerDirs> {
  const baseDir = await makeTempDir(DIR_PREFIX);
  const dirs: ManagerDirs = {
    baseDir,
    stubDir: path.join(baseDir, 'stub-units'),
    unitDir: path.join(baseDir, 'units'),
    initScript: path.join(baseDir, 'init.sh'),
    consoleLog: path.join(baseDir, 'console.log'),
  };
  await mkdir(dirs.stubDir);
  await mkdir(dirs.unitDir);
  for (const [name, text] of Object.entries(STUB_UNITS)) await writeFile(path.join(dirs.stubDir, name), text);
  await writeFile(dirs.initScript, INIT_SCRIPT);
  return dirs;
}

function launch(dirs: ManagerDirs, cgroupDir: string): ChildProcess {
  // Own session: a Ctrl-C meant for vitest must not reach the manager before stop() runs.
  const child = spawn('script', ['-qfe', '-c', LAUNCH_COMMAND, dirs.consoleLog], {
    detached: true,
    stdio: 'ignore',
    env: { PATH: process.env.PATH, SHELL: '/bin/sh', CGROUP_DIR: cgroupDir, INIT_SCRIPT: dirs.initScript, STUB_DIR: dirs.stubDir, UNIT_DIR: dirs.unitDir },
  });
  child.on('error', () => undefined); // reported through hasExited() and the console log
  child.unref();
  return child;
}

/** The host pid of the namespace's PID 1 once it is systemd (it starts as the init script). */
async function waitForPid1(launcher: ChildProcess, cgroupDir: string, consoleLog: string): Promise<number> {
  const found = await waitFor(async () => (hasExited(launcher) ? 'exited' : await findPid1(cgroupDir)), {
    what: 'systemd to start as PID 1',
    until: (pid) => pid !== undefined,
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 50,
  }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n--- console ---\n${await logTail(consoleLog)}`);
  });
  if (found === 'exited') throw new Error(`the system manager's launcher exited (code ${launcher.exitCode})\n--- console ---\n${await logTail(consoleLog)}`);
  return found as number;
}

async function findPid1(cgroupDir: string): Promise<number | undefined> {
  for (const pid of await pidsInCgroupTree(cgroupDir)) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const nsPids =
      status
        .match(/^NSpid:\s*(.*)$/m)?.[1]
        ?.trim()
        .split(/\s+/) ?? [];
    const command = status.match(/^Name:\s*(.*)$/m)?.[1];
    if (nsPids.length > 1 && nsPids.at(-1) === '1' && command === 'systemd') return pid;
  }
  return undefined;
}

function systemctlInside(inside: readonly string[]): SystemManager['systemctl'] {
  return async (...args) => {
    const [file, ...rest] = [...inside, 'systemctl', ...args] as [string, ...string[]];
    const result = await execa(file, rest, { reject: false });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
  };
}

async function waitUntilRunning(launcher: ChildProcess, systemctl: SystemManager['systemctl'], consoleLog: string): Promise<void> {
  const state = await waitFor(async () => (hasExited(launcher) ? 'exited' : (await systemctl('is-system-running')).stdout.trim()), {
    what: 'the systemd system manager to be running',
    until: (s) => ['running', 'degraded', 'exited'].includes(s),
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 100,
  }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n--- console ---\n${await logTail(consoleLog)}`);
  });
  if (state === 'exited') throw new Error(`the system manager exited (code ${launcher.exitCode})\n--- console ---\n${await logTail(consoleLog)}`);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

async function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-25).join('\n') || '(empty)';
}

async function checked(pending: Promise<SystemctlResult>, what: string): Promise<SystemctlResult> {
  const result = await pending;
  if (result.exitCode !== 0) throw new Error(`systemctl ${what} failed (${result.exitCode}): ${result.stderr}`);
  return result;
}

function memoize(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= run());
}

// ---- cgroup2 ------------------------------------------------------------------------------

/** Our own directory in the cgroup2 hierarchy (pure v2 or the hybrid layout's unified/), if writable. */
async function cgroup2ParentDir(): Promise<string | undefined> {
  const own = (await readFile('/proc/self/cgroup', 'utf8')).match(/^0::(.*)$/m)?.[1];
  if (own === undefined) return undefined;
  for (const root of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
    const dir = path.join(root, own);
    const isV2 = await access(path.join(root, 'cgroup.controllers')).then(
      () => true,
      () => false,
    );
    const writable = await access(dir, 2 /* W_OK */).then(
      () => true,
      () => false,
    );
    if (isV2 && writable) return dir;
  }
  return undefined;
}

// ---- stopping -----------------------------------------------------------------------------

/** What a dead test process may have left running, recorded with recordOwner(). */
interface Leftovers {
  manager: ProcessIdentity | undefined;
  cgroupDir: string;
}

/** Kills managers whose owning process died without stopping them; returns their directories. */
export async function reapAbandonedSystemManagers(): Promise<string[]> {
  const abandoned = await findAbandoned<Leftovers>(DIR_PREFIX);
  for (const { dir, extra } of abandoned) {
    const alive = extra.manager !== undefined && (await isStillRunning(extra.manager));
    if (alive) killQuietly(extra.manager!.pid); // SIGKILL to PID 1 ends its whole namespace
    await continueStoppedNsenters(extra.manager?.pid);
    await killCgroups([extra.cgroupDir]);
    await removeCgroups([extra.cgroupDir]);
    await removeTempDir(dir);
  }
  return abandoned.map(({ dir }) => dir);
}

/**
 * Asks PID 1 to power off (its units stop as on a real shutdown), SIGKILL if it does not
 * exit in time; the kernel then kills everything else in the namespace. Programs that were
 * nsentered stay as their nsenter parent on the host, which systemd's shutdown may have left
 * stopped: they get SIGCONT so they can exit. Then the cgroup is emptied and removed.
 */
async function shutDown(pid1: number | undefined, cgroupDir: string): Promise<void> {
  if (pid1 !== undefined && !(await isGone(pid1))) {
    try {
      process.kill(pid1, SIGRTMIN_PLUS_4);
    } catch {
      // already gone
    }
    await waitFor(() => isGone(pid1), { what: 'the system manager to power off', timeoutMs: SHUTDOWN_TIMEOUT_MS }).catch(() => killQuietly(pid1));
  }
  await continueStoppedNsenters(pid1);
  await killCgroups([cgroupDir]);
  await removeCgroups([cgroupDir]);
}

/** SIGCONT for stopped `nsenter -t PID1 …` processes (pid1 undefined: none). */
async function continueStoppedNsenters(pid1: number | undefined): Promise<void> {
  if (pid1 === undefined) return;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (path.basename(argv[0] ?? '') === 'nsenter' && argv[1] === '-t' && argv[2] === String(pid1) && state === 'T') {
      killQuietly(Number(entry), 'SIGCONT');
    }
  }
}
