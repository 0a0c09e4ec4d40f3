import type { ProcessSettings } from '../../config/types.js';
import { describeResult, succeeded } from '../../exec/runCommand.js';
import { ownServiceUnits } from '../../process/ownServiceUnits.js';
import { serviceUnitName, type ServiceUnit } from './serviceUnitName.js';
import type { RestartResult, Strategy } from './Strategy.js';
import type { StrategyEntry } from './StrategyEntry.js';
import { systemctl, unitLoadState } from './systemctl.js';

/**
 * `systemctl restart UNIT`: systemd stops and starts the unit, with its own
 * dependencies. Takes a checked service unit (serviceUnitName), never a raw name.
 */
export function serviceStrategy(name: ServiceUnit, settings: ProcessSettings): Strategy {
  return {
    name: 'service',
    async restart(signal): Promise<RestartResult> {
      const result = await systemctl(settings.systemd_scope, ['restart', '--', name], settings.command_timeout * 1000, signal);
      if (succeeded(result)) return { ok: true, detail: 'systemctl restart succeeded' };
      return { ok: false, detail: `systemctl restart ${name}: ${describeResult(result)}` };
    },
  };
}

/**
 * Service units only: another unit type, or the unit the agent runs in, is
 * refused (for auto too, before systemd is even asked). auto uses it when systemd
 * knows a unit of that name.
 */
export const serviceEntry: StrategyEntry<'service'> = {
  name: 'service',
  summary: 'systemctl restart NAME.service',
  requires: [],
  build({ name, settings }) {
    const unitName = serviceUnitName(name, ownServiceUnits());
    if (!unitName.ok) return Promise.resolve({ ok: false, refused: true, reason: unitName.reason });
    return Promise.resolve({ ok: true, strategy: serviceStrategy(unitName.unit, settings) });
  },
  async detect({ name, settings }) {
    const unitName = serviceUnitName(name, ownServiceUnits());
    if (!unitName.ok) return { kind: 'refused', reason: unitName.reason };
    const { unit } = unitName;
    const loadState = await unitLoadState(settings.systemd_scope, unit, settings.command_timeout * 1000);
    const scope = settings.systemd_scope === 'user' ? 'user' : 'system';
    if (loadState === 'loaded') return { kind: 'applies', note: `${scope} unit ${unit} exists` };
    return { kind: 'absent', note: `no ${scope} unit ${unit} (${loadState})`, reason: `no ${scope} systemd unit ${unit} (LoadState: ${loadState})` };
  },
};
