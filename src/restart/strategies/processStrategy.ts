import type { ProcessSettings } from '../../config/types.js';
import { findByName } from '../../process/findByName.js';
import { processIdentity, type ProcessIdentity } from '../../process/processIdentity.js';
import { processTableOf } from '../../process/processTable.js';
import { readProtectedPids } from '../../process/readProtectedPids.js';
import { expandCommand } from '../../process/shellQuote.js';
import { findInstances } from './findInstances.js';
import { chooseLauncher, launchArgv, launchDetached } from './launchDetached.js';
import { protectedInstance } from './protectedInstance.js';
import { stopProcesses } from './stopProcesses.js';
import type { RestartResult, Strategy } from './Strategy.js';
import type { StrategyEntry } from './StrategyEntry.js';

/**
 * Stop the running instances (by name, pid_file or match: findInstances) —
 * SIGTERM, grace, SIGKILL, confirmed gone — then
 * run start_command detached. An instance that could not be stopped fails the
 * attempt: a second instance is never started beside it. So does an abort
 * (the agent's hard stop) before the stop is finished: the wait ends at once.
 */
export function processStrategy(processId: number, name: string, settings: ProcessSettings): Strategy {
  return {
    name: 'process',
    async restart(signal): Promise<RestartResult> {
      if (settings.start_command === '') {
        return { ok: false, detail: `no start_command configured for ${name} ([process.${name}] or [process.default])` };
      }
      if (signal.aborted) return { ok: false, detail: `interrupted before ${name} was stopped: nothing signalled, nothing started` };
      const found = await findInstances(processIdentity(name, settings));
      if (found.refusal !== undefined) return { ok: false, detail: `${found.refusal}; nothing signalled, nothing started` };
      const pids = found.pids;
      const stopped = await stopProcesses(pids, settings.stop_timeout * 1000, { signal });
      if (stopped.interrupted) {
        const sofar = `stopped ${stopped.terminated} with SIGTERM, ${stopped.killed} with SIGKILL so far`;
        return { ok: false, detail: `interrupted while stopping ${name} (${sofar}): not started again beside an instance that may still run` };
      }
      if (stopped.failures.length > 0) {
        return { ok: false, detail: `${stopped.failures.join('; ')}; ${name} not started again beside an instance that is still running` };
      }
      const how = chooseLauncher(settings.process_launcher, settings.systemd_scope);
      const unit = `monitor_service-restart-${processId}-${Date.now()}`;
      const launched = await launchDetached(launchArgv(how, settings.systemd_scope, unit, expandCommand(settings.start_command, name)));
      const stopText = pids.length === 0 ? 'no running instance' : `stopped ${stopped.terminated} with SIGTERM, ${stopped.killed} with SIGKILL`;
      const foundText = found.note === undefined ? '' : ` (${found.note})`;
      const detail = `${stopText}${foundText}; ${launched.detail} via ${how === 'systemd-run' ? `systemd-run (${unit}.scope)` : 'a detached session'}`;
      if (!launched.ok) return { ok: false, detail };
      const launch = launched.launch;
      return found.stale === true && found.note !== undefined ? { ok: true, detail, warning: found.note, launch } : { ok: true, detail, launch };
    },
  };
}

/**
 * Why the process strategy must not act on these instances: a running instance
 * named so is a protected process, or the pid file may not be trusted or names a
 * protected process. A match never finds protected processes (nothing to refuse).
 */
async function refusalOf(identity: ProcessIdentity): Promise<string | undefined> {
  // Only the few protected PIDs are read, not all of /proc: a burst of alarms stays cheap.
  const guard = await readProtectedPids();
  if (identity.kind === 'name') return protectedInstance(identity.name, findByName(processTableOf(guard.keys()), identity.name), guard);
  if (identity.kind === 'pid_file') return (await findInstances(identity, { guard })).refusal;
  return undefined;
}

/**
 * Needs start_command. Refused when a running instance is a protected process
 * (PID 1, the agent, its parents, its unit's main process) or comes from a pid
 * file others could write. auto uses it when start_command is set.
 */
export const processEntry: StrategyEntry<'process'> = {
  name: 'process',
  summary: 'stop, then start_command',
  requires: [{ key: 'start_command', expected: 'a command that starts the process' }],
  async build({ processId, name, settings }) {
    const refusal = await refusalOf(processIdentity(name, settings));
    if (refusal !== undefined) return { ok: false, refused: true, reason: refusal };
    return { ok: true, strategy: processStrategy(processId, name, settings) };
  },
  detect({ settings }) {
    if (settings.start_command !== '') return Promise.resolve({ kind: 'applies', note: 'using start_command' });
    return Promise.resolve({ kind: 'absent', note: 'no start_command', reason: 'no start_command for the process strategy' });
  },
};
