import { processEntry } from './processStrategy.js';
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
  processEntry, // stop by name, then start_command
] as const;

/** The name of a registered strategy (restart_strategy is one of these, or auto). */
export type StrategyName = (typeof ENTRIES)[number]['name'];

export const STRATEGIES: StrategyRegistry<StrategyName> = strategyRegistry(ENTRIES);
