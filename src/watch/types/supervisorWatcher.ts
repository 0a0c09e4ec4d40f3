import type { ProcessSettings } from '../../config/types.js';
import { programStatus } from '../../restart/strategies/supervisorctl.js';
import type { ProgramState } from '../../restart/strategies/supervisorctlOutput.js';
import { ownSupervisorProgram, supervisorProgramName } from '../../restart/strategies/supervisorProgramName.js';
import type { Observation, Watcher, WatchProblems } from '../Watcher.js';

/**
 * States in which supervisord has given up or is retrying a crashed program.
 * STOPPED (stopped on purpose) and the transient STARTING and STOPPING pass.
 */
export const FAILING_PROGRAM_STATES: readonly ProgramState[] = ['FATAL', 'EXITED', 'BACKOFF', 'UNKNOWN'];

/** type = supervisor: the program NAME is FATAL, EXITED or BACKOFF (supervisorctl status, as the supervisor strategy reads it). */
export function supervisorWatcher(name: string, settings: ProcessSettings, timeoutMs: number, problems: WatchProblems): Watcher {
  const checked = supervisorProgramName(name, ownSupervisorProgram());
  if (!checked.ok) throw new Error(checked.reason);
  const program = checked.program;
  const ctl = { configFile: settings.supervisor_config, timeoutMs };
  return {
    processName: name,
    async check(signal): Promise<Observation> {
      const answer = await programStatus(ctl, program, signal);
      if (answer.kind !== 'state') {
        problems.once('status', `supervisorctl status ${program}: ${answer.said}`);
        return { failing: false };
      }
      problems.resolved('status');
      if (!FAILING_PROGRAM_STATES.includes(answer.state)) return { failing: false };
      return { failing: true, evidence: `supervisor program ${program} is ${answer.state}${answer.description ? ` (${answer.description})` : ''}` };
    },
  };
}
