import type { ProcessSettings } from '../../config/types.js';
import { daemontools } from '../../restart/strategies/daemontoolsStrategy.js';
import { runit } from '../../restart/strategies/runitStrategy.js';
import { s6 } from '../../restart/strategies/s6Strategy.js';
import { lookupServiceDirectory } from '../../restart/strategies/serviceDir/lookupServiceDirectory.js';
import { managerOfDirectory } from '../../restart/strategies/serviceDir/managerOfDirectory.js';
import { readState } from '../../restart/strategies/serviceDir/readState.js';
import type { ServiceDirManager } from '../../restart/strategies/serviceDir/ServiceDirManager.js';
import { serviceDirOf, servicePath } from '../../restart/strategies/serviceDir/servicePath.js';
import type { SupervisedState } from '../../restart/strategies/serviceDir/SupervisedState.js';
import type { Observation, Watcher, WatchProblems } from '../Watcher.js';

const MANAGERS: readonly ServiceDirManager[] = [daemontools, runit, s6];

/**
 * Pure: a service down but wanted up (crashing: its supervisor is starting it
 * again), or up for less than min_uptime seconds (a restart loop), is failing.
 * One stopped on purpose (svc -d, sv down, s6-svc -d: down without "want up")
 * is not: the restart would not overrule that either (whyNotRestart).
 */
export function judgeSupervised(state: SupervisedState, minUptime: number, described: string): Observation | { problem: string } {
  if (state.kind === 'down') return state.flags.includes('want up') ? { failing: true, evidence: `${described}: down, wanted up` } : { failing: false };
  if (state.kind === 'up') {
    if (state.seconds < minUptime)
      return { failing: true, evidence: `${described}: up only ${state.seconds} s (min_uptime ${minUptime} s): restarting again and again` };
    return { failing: false };
  }
  return { problem: described };
}

/** The manager and directory of NAME: the one restart_strategy names, else the first whose service_dir holds NAME with its files. */
function locate(name: string, settings: ProcessSettings): { manager: ServiceDirManager; dir: string } | { problem: string } {
  const named = MANAGERS.find((m) => m.name === settings.restart_strategy);
  for (const manager of named ? [named] : MANAGERS) {
    const where = servicePath(serviceDirOf(settings.service_dir, manager.usualServiceDir), name);
    if (!where.ok) return { problem: where.reason };
    if (lookupServiceDirectory(where.path).kind !== 'found') continue;
    if (named || managerOfDirectory(where.path).manager === manager.name) return { manager, dir: where.path };
  }
  return { problem: `no daemontools, runit or s6 service directory ${name} found (set service_dir, or restart_strategy to the manager)` };
}

/** type = svstat: the daemontools/runit/s6 service NAME is down, or keeps being restarted (read as the strategies read it). */
export function svstatWatcher(name: string, settings: ProcessSettings, minUptime: number, timeoutMs: number, problems: WatchProblems): Watcher {
  return {
    processName: name,
    async check(signal): Promise<Observation> {
      const found = locate(name, settings);
      if ('problem' in found) {
        problems.once('locate', found.problem);
        return { failing: false };
      }
      problems.resolved('locate');
      const state = await readState(found.manager, found.dir, timeoutMs, signal);
      const verdict = judgeSupervised(state, minUptime, found.manager.describe(found.dir, state));
      if ('problem' in verdict) {
        problems.once('state', verdict.problem);
        return { failing: false };
      }
      problems.resolved('state');
      return verdict;
    },
  };
}
