import os from 'node:os';
import type { Config } from '../config/types.js';

/** The host name an agent serves in monitor_process_host: [monitor] agent_group, else this host's name. */
export function agentGroupOf(config: Config): string {
  return config.monitor.agent_group || os.hostname();
}

/** Said once while monitor_process_host is missing: what the agent does instead, and the fix. */
export function placementTableMissingMessage(takeUnassigned: boolean): string {
  const instead = takeUnassigned ? 'every alarm is treated as unassigned and handled here' : 'no alarm is handled here (take_unassigned = no)';
  return `The table monitor_process_host does not exist: ${instead}; re-run sql/setup.sql on the database`;
}
