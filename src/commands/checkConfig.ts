import { formatResolvedConfig } from '../config/formatResolvedConfig.js';
import { EXIT_CONFIG, EXIT_OK } from './exitCodes.js';
import { findLogFileRefusal } from './findLogFileRefusal.js';
import { loadConfigOrExplain, printConfigWarnings } from './loadConfigOrExplain.js';

/** --check-config: validate and print the settings in force (password hidden). */
export function checkConfig(file: string): number {
  const config = loadConfigOrExplain('monitor_service', file);
  if (!config) return EXIT_CONFIG;
  printConfigWarnings('monitor_service', config);
  // What would stop the agent at start, said now rather than then.
  const logRefusal = findLogFileRefusal(config.logging.log_file);
  if (logRefusal) {
    process.stderr.write(`monitor_service: ${logRefusal}\n`);
    return EXIT_CONFIG;
  }
  process.stdout.write(formatResolvedConfig(config));
  process.stdout.write(`; configuration OK\n`);
  return EXIT_OK;
}
