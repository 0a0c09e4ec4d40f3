import type { ProcessSettings } from '../../../config/types.js';

/**
 * Pure: how long runit's `sv -w` waits for a restart to take effect: as long
 * as the health check may take, whole seconds, at least 1, and short of
 * command_timeout so that sv can say "timeout: …" itself before it is killed.
 */
export function svWaitSeconds(settings: Pick<ProcessSettings, 'health_check_timeout' | 'command_timeout'>): number {
  const wanted = Math.ceil(settings.health_check_timeout);
  const room = Math.floor(settings.command_timeout) - 1;
  return Math.max(1, Math.min(wanted, room));
}
