// Private daemontools, runit and s6 instances: a service directory of our own in a temp
// dir, scanned by `svscan DIR`, `runsvdir DIR` or `s6-svscan DIR` started here, never
// the system's /etc/service or /run/service.
//
//   const manager = await startServiceDirManager('runit', dir, { web: `exec ${sleeper.binary} 600` });
//   const pid = await manager.waitUp('web');          // sv status says run, with this pid
//   … run the agent with service_dir = manager.serviceDir …
//   await manager.stop();                             // the scanner, every supervisor, every service
//
// Everything is stopped by pid: the scanner this harness started and every process below
// it (s6 runs each service in a session of its own, so a group kill would miss them).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isGone, killQuietly } from './processes.js';
import { skipReasonOrFail } from './skipRule.js';
import { waitFor } from './waitFor.js';

export type ManagerKind = 'daemontools' | 'runit' | 's6';
export const MANAGER_KINDS: readonly ManagerKind[] = ['daemontools', 'runit', 's6'];

const SCANNER: Record<ManagerKind, string> = { daemontools: 'svscan', runit: 'runsvdir', s6: 's6-svscan' };
const TOOLS: Record<ManagerKind, string[]> = {
  daemontools: ['svscan', 'supervise', 'svc', 'svstat'],
  runit: ['runsvdir', 'runsv', 'sv'],
  s6: ['s6-svscan', 's6-supervise', 's6-svc', 's6-svstat'],
};

/** The manager's own status line for one service directory, as its tool prints it. */
export function statusLine(kind: ManagerKind, dir: string): string {
  const [file, ...args]: [string, ...string[]] = kind === 'daemontools' ? ['svstat', dir] : kind === 'runit' ? ['sv', 'status', dir] : ['s6-svstat', dir];
  const result = spawnSync(file, args, { encoding: 'utf8', timeout: 5000 });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
}

/** The pid the manager reports for a running service ("up (pid N)", "run: DIR: (pid N)"), else undefined. */
export function upPidOf(line: string): number | undefined {
  const match = /(?:^|: )(?:up|run:.*?:) \(pid (\d+)/.exec(line);
  return match ? Number(match[1]) : undefined;
}

/** Why the managers cannot run here (a tool missing, not root), or undefined. Throws in CI. */
export function serviceDirManagersSkipReason(): string | undefined {
  const missing = MANAGER_KINDS.flatMap((kind) => TOOLS[kind]).filter((tool) => spawnSync('which', [tool]).status !== 0);
  let reason: string | undefined;
  if (missing.length > 0) reason = `${missing.join(', ')} not installed (apt-get install daemontools runit s6)`;
  else if (process.geteuid?.() !== 0) reason = 'not running as root (the trust checks of service directories apply to root only)';
  return skipReasonOrFail('daemontools, runit and s6', reason);
}

/** Writes SERVICE_DIR/NAME/run (mode 0755) with this shell body. */
export function writeService(serviceDir: string, name: string, body: string): string {
  const dir = path.join(serviceDir, name);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(path.join(dir, 'run'), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(dir, 'run'), 0o755);
  return dir;
}

/** Every process below `root`, by parent pid, read from /proc. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export interface ServiceDirInstance {
  kind: ManagerKind;
  /** The service_dir it scans (root's, 0755). */
  serviceDir: string;
  /** SERVICE_DIR/NAME. */
  dirOf(name: string): string;
  /** The manager's own status line for NAME. */
  status(name: string): string;
  /** Waits until the manager reports NAME up (with a pid other than `not`), and returns the pid. */
  waitUp(name: string, not?: number): Promise<number>;
  /** Waits until a supervisor runs for NAME (its status no longer says none does). */
  waitSupervised(name: string): Promise<string>;
  /** SIGKILLs the scanner, every supervisor and every service it started, and waits until they are gone. */
  stop(): Promise<void>;
}

/**
 * Starts KIND's scanner on a fresh SERVICE_DIR (`root`/KIND-service) holding these
 * services (name → run script body), and waits until each is supervised.
 */
export async function startServiceDirManager(kind: ManagerKind, root: string, services: Record<string, string>): Promise<ServiceDirInstance> {
  const serviceDir = path.join(root, `${kind}-service`);
  mkdirSync(serviceDir, { recursive: true, mode: 0o755 });
  for (const [name, body] of Object.entries(services)) writeService(serviceDir, name, body);
  const scanner: ChildProcess = spawn(SCANNER[kind], [serviceDir], { detached: true, stdio: 'ignore' });
  const scannerPid = scanner.pid;
  if (scannerPid === undefined) throw new Error(`${SCANNER[kind]} did not start`);
  const exited = new Promise<void>((resolve) => scanner.once('exit', () => resolve()));
  const dirOf = (name: string) => path.join(serviceDir, name);
  const status = (name: string) => statusLine(kind, dirOf(name));
  let stopped = false;

  const instance: ServiceDirInstance = {
    kind,
    serviceDir,
    dirOf,
    status,
    waitUp: async (name, not) => {
      const isNewUp = (line: string) => upPidOf(line) !== undefined && upPidOf(line) !== not;
      const what = `${kind} to report ${name} up${not === undefined ? '' : ` with a pid other than ${not}`}`;
      return upPidOf(await waitFor(() => status(name), { what, until: isNewUp, timeoutMs: 15_000 }))!;
    },
    waitSupervised: (name) =>
      waitFor(() => status(name), {
        what: `${kind} to supervise ${name}`,
        until: (line) => line !== '' && !/supervise\/ok|not running|not listening/.test(line),
        timeoutMs: 15_000,
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Freeze the tree first, so no supervisor starts a new process while it is killed.
      const frozen = new Set<number>();
      for (let round = 0; round < 20; round++) {
        const fresh = [scannerPid, ...descendantsOf(scannerPid)].filter((pid) => !frozen.has(pid));
        if (fresh.length === 0) break;
        for (const pid of fresh) {
          killQuietly(pid, 'SIGSTOP');
          frozen.add(pid);
        }
      }
      for (const pid of frozen) killQuietly(pid, 'SIGKILL');
      await exited;
      await waitFor(async () => (await Promise.all([...frozen].map(isGone))).every(Boolean), { what: `${kind}'s processes to be gone` });
    },
  };
  try {
    for (const name of Object.keys(services)) await instance.waitSupervised(name);
  } catch (error) {
    await instance.stop();
    throw error;
  }
  return instance;
}
