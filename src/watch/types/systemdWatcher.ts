import type { ProcessSettings } from '../../config/types.js';
import { describeResult } from '../../exec/runCommand.js';
import { serviceUnitName } from '../../restart/strategies/serviceUnitName.js';
import { systemctl } from '../../restart/strategies/systemctl.js';
import type { Observation, Watcher, WatchProblems } from '../Watcher.js';
import { judgeUnit, parseUnitState } from './unitState.js';

/** type = systemd: the unit NAME.service ([process.NAME] systemd_scope) failed, went inactive, or keeps being restarted by systemd. */
export function systemdWatcher(name: string, settings: ProcessSettings, timeoutMs: number, problems: WatchProblems): Watcher {
  const checked = serviceUnitName(name);
  if (!checked.ok) throw new Error(checked.reason);
  const unit = checked.unit;
  let restartsBefore: number | undefined;
  return {
    processName: name,
    async check(signal): Promise<Observation> {
      const result = await systemctl(settings.systemd_scope, ['show', '--property=LoadState,ActiveState,SubState,NRestarts', '--', unit], timeoutMs, signal);
      if (result.exitCode !== 0) {
        problems.once('systemctl', `systemctl show ${unit}: ${describeResult(result)}`);
        return { failing: false };
      }
      problems.resolved('systemctl');
      const state = parseUnitState(result.output);
      const verdict = judgeUnit(unit, state, restartsBefore);
      restartsBefore = state.restarts;
      if (verdict.kind === 'unknown') {
        problems.once('unit', verdict.problem);
        return { failing: false };
      }
      problems.resolved('unit');
      return verdict.kind === 'failing' ? { failing: true, evidence: verdict.evidence } : { failing: false };
    },
  };
}
