import type { ProcessSettings } from '../../config/types.js';
import { processStrategy } from './processStrategy.js';
import { serviceStrategy } from './serviceStrategy.js';
import type { Strategy } from './Strategy.js';
import { unitLoadState } from './systemctl.js';

export type StrategyChoice = { ok: true; strategy: Strategy; note: string } | { ok: false; reason: string };

/**
 * service and process are taken as configured. auto asks systemd: a unit by
 * that name → service; otherwise process, if a start_command says how to start
 * it; otherwise neither can work, and the reason says exactly why.
 */
export async function chooseStrategy(processId: number, name: string, settings: ProcessSettings): Promise<StrategyChoice> {
  if (settings.restart_strategy === 'service') return { ok: true, strategy: serviceStrategy(name, settings), note: 'configured' };
  if (settings.restart_strategy === 'process') return { ok: true, strategy: processStrategy(processId, name, settings), note: 'configured' };
  const loadState = await unitLoadState(settings.systemd_scope, name, settings.command_timeout * 1000);
  const scope = settings.systemd_scope === 'user' ? 'user' : 'system';
  if (loadState === 'loaded') {
    return { ok: true, strategy: serviceStrategy(name, settings), note: `auto: ${scope} unit ${name} exists` };
  }
  if (settings.start_command !== '') {
    return { ok: true, strategy: processStrategy(processId, name, settings), note: `auto: no ${scope} unit ${name} (${loadState}), using start_command` };
  }
  return {
    ok: false,
    reason:
      `strategy auto cannot restart ${name}: no ${scope} systemd unit of that name (LoadState: ${loadState}) ` +
      `and no start_command for the process strategy; set restart_strategy and start_command in [process.${name}]`,
  };
}
