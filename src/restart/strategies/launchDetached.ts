import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ProcessLauncher, SystemdScope } from '../../config/types.js';
import { commandEnvironment } from '../../exec/commandEnvironment.js';
import { BurstDetector } from '../../clock/BurstDetector.js';
import { LaunchHelper, type LaunchEvents } from '../../exec/launchHelper/LaunchHelper.js';
import type { LaunchWatch } from './Strategy.js';

/**
 * launched: the command runs (not waited for); `launch.failure` settles only if it then
 * exits non-zero or is killed, with the reason. The health check runs meanwhile
 * and stops at that failure (verifyRestart): no fixed wait before it.
 */
export type LaunchResult = { ok: true; detail: string; launch: LaunchWatch } | { ok: false; detail: string };

/** Is a systemd manager of that scope running here (so systemd-run can reach it)? */
export function systemdAvailable(scope: SystemdScope, env: NodeJS.ProcessEnv = process.env): boolean {
  if (scope === 'system') return existsSync('/run/systemd/system');
  return Boolean(env.XDG_RUNTIME_DIR) && existsSync(path.join(env.XDG_RUNTIME_DIR ?? '', 'systemd', 'private'));
}

export function chooseLauncher(launcher: ProcessLauncher, scope: SystemdScope): 'systemd-run' | 'detach' {
  if (launcher !== 'auto') return launcher;
  return systemdAvailable(scope) ? 'systemd-run' : 'detach';
}

/**
 * The argv that starts `command` so that it outlives the agent. Under
 * systemd a detached child still sits in the agent's cgroup and dies when the
 * agent's unit stops, so it goes into a transient scope of its own instead.
 */
export function launchArgv(how: 'systemd-run' | 'detach', scope: SystemdScope, unitName: string, command: string): string[] {
  if (how === 'detach') return ['/bin/sh', '-c', command];
  return [
    'systemd-run',
    ...(scope === 'user' ? ['--user'] : []),
    '--scope',
    '--quiet',
    '--collect',
    `--unit=${unitName}`,
    '--description=Started by monitor_service',
    '--',
    '/bin/sh',
    '-c',
    command,
  ];
}

/** Pure: why an exit counts as a failed start, or undefined for exit status 0 (a daemon that forked away). */
export function startFailureOf(code: number | null, signal: NodeJS.Signals | null): string | undefined {
  if (signal !== null) return `start command failed: killed by ${signal}`;
  if (code === 0) return undefined;
  return `start command failed: exit status ${code ?? '?'}`;
}

/** Shared by every launch: started only while launches come in a burst (four within a second). */
const helper = new LaunchHelper();
const launches = new BurstDetector();

/**
 * Starts the command in its own session, not waited for. One that cannot be
 * started at all (launcher missing) fails here; one that exits non-zero later
 * settles `failure`; exit 0 (it daemonized) or running on counts as launched,
 * and the health check decides the rest. In a burst the fork is done by the
 * launch helper (LaunchHelper): the same detached start, without the agent's
 * thread waiting for each exec.
 */
export function launchDetached(argv: readonly string[]): Promise<LaunchResult> {
  const [file, ...args] = argv as [string, ...string[]];
  if (launches.note(performance.now()) && !helper.ready) helper.start();
  return new Promise<LaunchResult>((resolve) => {
    let reportFailure: (reason: string) => void = () => undefined;
    const failure = new Promise<string>((settle) => (reportFailure = settle));
    const events: LaunchEvents = {
      spawned: (pid) => resolve({ ok: true, detail: `started (pid ${pid ?? '?'})`, launch: { failure, pid } }),
      error: (code, message) => {
        const how = code === 'ENOENT' ? `${file} not found` : (code ?? message);
        resolve({ ok: false, detail: `start command failed at once: ${how}` });
        reportFailure(`start command failed: ${how}`);
      },
      exit: (code, signal) => {
        const failed = startFailureOf(code, signal);
        if (failed !== undefined) reportFailure(failed);
      },
    };
    if (helper.ready) helper.launch(file, args, events);
    else forkHere(file, args, commandEnvironment(), events);
  });
}

/** The agent forks the command itself (a lone restart, or no helper yet). */
function forkHere(file: string, args: readonly string[], env: NodeJS.ProcessEnv, events: LaunchEvents): void {
  const child = spawn(file, args, { detached: true, stdio: 'ignore', env, cwd: '/' });
  child.unref();
  child.once('spawn', () => events.spawned(child.pid));
  child.once('error', (error: NodeJS.ErrnoException) => events.error(error.code, error.message));
  child.once('exit', (code, signal) => events.exit(code, signal));
}
