import type { SystemdScope } from '../../config/types.js';
import { runArgv, type CommandResult } from '../../exec/runCommand.js';

/** `systemctl` or `systemctl --user`, by the process's systemd_scope. */
export function systemctl(scope: SystemdScope, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<CommandResult> {
  return runArgv('systemctl', [...(scope === 'user' ? ['--user'] : []), ...args], { timeoutMs, signal });
}

/** "loaded" when a unit of that name exists; other answers say why not. */
export async function unitLoadState(scope: SystemdScope, name: string, timeoutMs: number): Promise<string> {
  const result = await systemctl(scope, ['show', '--property=LoadState', '--value', '--', name], timeoutMs);
  if (result.startError) return `systemctl unavailable (${result.startError})`;
  if (result.exitCode !== 0) return `systemctl failed: ${result.output.trim().replace(/\s*\n\s*/g, ' ') || `exit status ${result.exitCode}`}`;
  return result.output.trim() || 'unknown';
}
