import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { ProcessLauncher, SystemdScope } from '../../config/types.js';
import { commandEnvironment } from '../../exec/commandEnvironment.js';

/** How long a fresh start command is watched for an immediate failure. */
export const LAUNCH_SETTLE_MS = 250;

export type LaunchResult = { ok: true; detail: string } | { ok: false; detail: string };

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

/**
 * Starts the command in its own session, not waited for. A command that
 * fails at once (missing binary, bad arguments) is reported; one that daemonizes
 * (exit 0) or keeps running counts as launched; the health check decides the rest.
 */
export async function launchDetached(argv: readonly string[]): Promise<LaunchResult> {
  const [file, ...args] = argv as [string, ...string[]];
  const child = execa(file, args, {
    detached: true,
    stdio: 'ignore',
    cleanup: false,
    reject: false,
    env: commandEnvironment(),
    extendEnv: false,
    cwd: '/',
  });
  child.unref();
  const settled = await Promise.race([
    child.then((r) => r),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LAUNCH_SETTLE_MS).unref()),
  ]);
  if (settled === undefined) return { ok: true, detail: `started (pid ${child.pid})` };
  if (settled.exitCode === 0) return { ok: true, detail: 'start command completed (exit status 0)' };
  const how = settled.code === 'ENOENT' ? `${file} not found` : settled.signal ? `killed by ${settled.signal}` : `exit status ${settled.exitCode}`;
  return { ok: false, detail: `start command failed at once: ${how}` };
}
