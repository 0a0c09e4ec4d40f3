import type { ProcessSettings } from '../../../config/types.js';
import { describeResult, runArgv, succeeded } from '../../../exec/runCommand.js';
import { isDeadState, readProcStat } from '../../../process/procStat.js';
import type { RestartResult, StateCheck, Strategy } from '../Strategy.js';
import { judgeState } from './judgeState.js';
import { lookupServiceDirectory, untrustedServiceDirectory } from './lookupServiceDirectory.js';
import { managerOfDirectory } from './managerOfDirectory.js';
import { readState } from './readState.js';
import type { ServiceDirManager } from './ServiceDirManager.js';
import { ManagerLoopTracker } from '../ManagerLoopTracker.js';
import type { SupervisedState } from './SupervisedState.js';
import { unsupervisedReason, whyNotRestart } from './whyNotRestart.js';

/**
 * The manager lists it as up, but it has exited: a zombie, or already reaped
 * (daemontools' supervise sleeps a second after each start, and reaps and
 * restarts a crashed service only then; its status still says up until that
 * moment). The agent sees the supervisor's processes in its own /proc.
 */
function hasExited(pid: number): boolean {
  const stat = readProcStat(pid);
  return stat === undefined || isDeadState(stat.state);
}

/** Where the service is, checked when the strategy was built. */
export interface ServiceLocation {
  /** service_dir in use. */
  serviceDir: string;
  /** service_dir/NAME. */
  dir: string;
  /** Running as root: the directory and its scripts must be root's alone. */
  asRoot: boolean;
}

/**
 * Restart through the manager that supervises service_dir/NAME: read its
 * state, send the restart (svc -t, sv restart, s6-svc -r), and let checkState
 * answer the health check with the manager's view: up again, as a new
 * process, for a second. Everything is checked again at each attempt: the
 * directory is still there, still root's, still this manager's.
 */
export function serviceDirStrategy(manager: ServiceDirManager, where: ServiceLocation, settings: ProcessSettings): Strategy {
  const { dir, serviceDir } = where;
  const timeoutMs = settings.command_timeout * 1000;
  let pidBefore: number | undefined;
  const loop = new ManagerLoopTracker();

  const stateDetail = (state: SupervisedState, why?: string): string => {
    const own = manager.describe(dir, state);
    if (why !== undefined) return `${own}: ${why}`;
    if (state.kind === 'unsupervised') return `${own}: ${unsupervisedReason(manager, dir, serviceDir)}`;
    return own;
  };

  const refusalNow = (): string | undefined => {
    const found = lookupServiceDirectory(dir);
    if (found.kind === 'missing') return `${found.reason}: no such ${manager.name} service in ${serviceDir}`;
    const untrusted = where.asRoot ? untrustedServiceDirectory(dir) : undefined;
    if (untrusted !== undefined) return `refused: ${untrusted}`;
    const owner = managerOfDirectory(dir);
    if (owner.manager !== undefined && owner.manager !== manager.name) {
      return `${dir} is supervised by ${owner.manager} (${owner.evidence}), not ${manager.name}: set restart_strategy = ${owner.manager}`;
    }
    return undefined;
  };

  return {
    name: manager.name,
    async restart(signal): Promise<RestartResult> {
      const refusal = refusalNow();
      if (refusal !== undefined) return { ok: false, detail: refusal };
      const before = await readState(manager, dir, timeoutMs, signal);
      const notSent = whyNotRestart(manager, before, dir, serviceDir);
      const [file, ...args] = manager.restartCommand(dir, settings);
      const command = [file, ...args].join(' ');
      if (notSent !== undefined) return { ok: false, detail: `${manager.describe(dir, before)}: ${notSent}; ${command} not sent` };
      pidBefore = before.kind === 'up' ? before.pid : undefined;
      loop.reset();
      const result = await runArgv(file, args, { timeoutMs, signal });
      const said = result.output.trim();
      if (!succeeded(result) || (manager.restartSaysNothingOnSuccess && said !== '')) return { ok: false, detail: `${command}: ${describeResult(result)}` };
      const was = `before: ${manager.describe(dir, before)}`;
      return { ok: true, detail: said === '' ? `${command} sent (${was})` : `${command}: ${said.replace(/\s*\n\s*/g, ' | ')} (${was})` };
    },
    async checkState(signal): Promise<StateCheck> {
      const state = await readState(manager, dir, timeoutMs, signal);
      if (state.kind === 'up' && state.pid !== pidBefore) {
        loop.sawProcess(state.pid);
        // Up again, but not the process that passed: it died and the manager restarted it.
        const replaced = loop.replacedBy(state.pid, manager.name);
        if (replaced !== undefined) return { healthy: false, detail: stateDetail(state, replaced) };
      }
      const verdict = judgeState(state, pidBefore, hasExited, manager.minUpSeconds);
      if (verdict.healthy && state.kind === 'up') {
        loop.healthy(state.pid);
        return { healthy: true, detail: stateDetail(state) };
      }
      const looping = loop.restarts() >= 1 ? `; ${loop.describeLoop()}` : '';
      return { healthy: false, detail: `${stateDetail(state, verdict.healthy ? undefined : verdict.why)}${looping}` };
    },
    managerRestarts: () => loop.restarts(),
  };
}
