import type { ServiceDirManager } from './ServiceDirManager.js';
import type { SupervisedState } from './SupervisedState.js';

/**
 * Pure: why the restart command is not sent, given the state read just
 * before (undefined: send it). Nothing supervises the directory (the
 * command would reach nobody, or svc would only print a warning); or the
 * service was stopped or paused on purpose (svc -d, svc -p, a ./down file)
 * and this manager's restart would not bring it back: the agent does not
 * overrule whoever did that, and says what would. A service that is down
 * but wanted up (crashing, restarted by its supervisor) is restarted.
 */
export function whyNotRestart(manager: ServiceDirManager, state: SupervisedState, dir: string, serviceDir: string): string | undefined {
  switch (state.kind) {
    case 'up':
      if (manager.restartStartsStoppedOrPaused || !state.flags.includes('paused')) return undefined;
      return `paused on purpose: ${manager.restartName} does not restart a paused process, and the agent does not resume it; ${manager.resumeCommand(dir)} does`;
    case 'down':
      if (manager.restartStartsStoppedOrPaused || state.flags.includes('want up')) return undefined;
      return `stopped on purpose: ${manager.restartName} restarts only a running service, and the agent does not start one that was stopped; ${manager.startCommand(dir)} does`;
    case 'unsupervised':
      return unsupervisedReason(manager, dir, serviceDir);
    case 'missing':
      return `no service directory ${dir}`;
    case 'unreadable':
      return 'its state cannot be read';
  }
}

/** "no supervise runs for DIR": the manager itself is down, or does not scan service_dir. */
export function unsupervisedReason(manager: ServiceDirManager, dir: string, serviceDir: string): string {
  return `no ${manager.supervisor} runs for ${dir} (is ${manager.scanner} running on ${serviceDir}?)`;
}
