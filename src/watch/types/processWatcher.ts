import type { ProcessSettings } from '../../config/types.js';
import { describeIdentity, processIdentity } from '../../process/processIdentity.js';
import { findInstances } from '../../restart/strategies/findInstances.js';
import type { Observation, Watcher, WatchProblems } from '../Watcher.js';

/**
 * type = process: no running instance, found as the process strategy finds
 * them ([process.NAME] name, pid_file or match). A pid file others could
 * change is refused there: said once, no alarm on it.
 */
export function processWatcher(name: string, settings: ProcessSettings, problems: WatchProblems): Watcher {
  const identity = processIdentity(name, settings);
  return {
    processName: name,
    async check(): Promise<Observation> {
      const found = await findInstances(identity);
      if (found.refusal !== undefined) {
        problems.once('refused', found.refusal);
        return { failing: false };
      }
      problems.resolved('refused');
      if (found.pids.length > 0) return { failing: false };
      return { failing: true, evidence: `no running ${describeIdentity(identity)}${found.note ? ` (${found.note})` : ''}` };
    },
  };
}
