import type { ProcessSettings } from '../../config/types.js';
import { findByName } from '../../process/findByName.js';
import { ownServiceUnits } from '../../process/ownServiceUnits.js';
import { processTableOf } from '../../process/processTable.js';
import { readProtectedPids } from '../../process/readProtectedPids.js';
import { processStrategy } from './processStrategy.js';
import { protectedInstance } from './protectedInstance.js';
import { serviceStrategy } from './serviceStrategy.js';
import { serviceUnitName } from './serviceUnitName.js';
import type { Strategy } from './Strategy.js';
import { unitLoadState } from './systemctl.js';

/**
 * ok: a strategy. refused: a target the agent must never act on (another
 * unit type, its own unit, a protected PID) — nothing was run, nor will be.
 * Otherwise no strategy can work, and the reason says exactly why.
 */
export type StrategyChoice =
  { ok: true; strategy: Strategy; note: string } | { ok: false; refused: true; reason: string } | { ok: false; refused: false; reason: string };

async function processChoice(processId: number, name: string, settings: ProcessSettings, note: string): Promise<StrategyChoice> {
  // Only the few protected PIDs are read, not all of /proc: a burst of alarms stays cheap.
  const guard = await readProtectedPids();
  const refusal = protectedInstance(name, findByName(processTableOf(guard.keys()), name), guard);
  if (refusal !== undefined) return { ok: false, refused: true, reason: refusal };
  return { ok: true, strategy: processStrategy(processId, name, settings), note };
}

/**
 * service and process are taken as configured. auto asks systemd: a unit by
 * that name → service; otherwise process, if a start_command says how to start
 * it; otherwise neither can work. service and auto act on service units only.
 */
export async function chooseStrategy(processId: number, name: string, settings: ProcessSettings): Promise<StrategyChoice> {
  if (settings.restart_strategy === 'process') return processChoice(processId, name, settings, 'configured');
  const unitName = serviceUnitName(name, ownServiceUnits());
  if (!unitName.ok) return { ok: false, refused: true, reason: unitName.reason };
  const { unit } = unitName;
  if (settings.restart_strategy === 'service') return { ok: true, strategy: serviceStrategy(unit, settings), note: 'configured' };
  const loadState = await unitLoadState(settings.systemd_scope, unit, settings.command_timeout * 1000);
  const scope = settings.systemd_scope === 'user' ? 'user' : 'system';
  if (loadState === 'loaded') {
    return { ok: true, strategy: serviceStrategy(unit, settings), note: `auto: ${scope} unit ${unit} exists` };
  }
  if (settings.start_command !== '') {
    return processChoice(processId, name, settings, `auto: no ${scope} unit ${unit} (${loadState}), using start_command`);
  }
  return {
    ok: false,
    refused: false,
    reason:
      `strategy auto cannot restart ${name}: no ${scope} systemd unit ${unit} (LoadState: ${loadState}) ` +
      `and no start_command for the process strategy; set restart_strategy and start_command in [process.${name}]`,
  };
}
