import type { ProcessSettings } from '../../config/types.js';
import { describeResult, succeeded } from '../../exec/runCommand.js';
import type { ServiceUnit } from './serviceUnitName.js';
import type { RestartResult, Strategy } from './Strategy.js';
import { systemctl } from './systemctl.js';

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
