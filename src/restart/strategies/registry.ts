import { commandEntry } from './commandStrategy.js';
import { daemontoolsEntry } from './daemontoolsStrategy.js';
import { processEntry } from './processStrategy.js';
import { runitEntry } from './runitStrategy.js';
import { s6Entry } from './s6Strategy.js';
import { serviceEntry } from './serviceStrategy.js';
import { strategyRegistry, type StrategyRegistry } from './strategyRegistry.js';
import { supervisorEntry } from './supervisorStrategy.js';

// The restart strategies, in the order `auto` tries them (and the docs list them).
// A new strategy is one file exporting its StrategyEntry, and one line here: the
// RestartStrategy type, restart_strategy's accepted values, --check-config's
// required settings and auto follow from this list (test/docs checks the docs).
const ENTRIES = [
  serviceEntry, // systemd unit NAME.service
  supervisorEntry, // supervisord program NAME (or group:NAME)
  daemontoolsEntry, // service_dir/NAME supervised by daemontools (svc, svstat)
  runitEntry, // service_dir/NAME supervised by runit (sv)
  s6Entry, // service_dir/NAME supervised by s6 (s6-svc, s6-svstat)
  commandEntry, // restart_command (never chosen by auto)
  processEntry, // stop by name, then start_command
] as const;

/** The name of a registered strategy (restart_strategy is one of these, or auto). */
export type StrategyName = (typeof ENTRIES)[number]['name'];

export const STRATEGIES: StrategyRegistry<StrategyName> = strategyRegistry(ENTRIES);
