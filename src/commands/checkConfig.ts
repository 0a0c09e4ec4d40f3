import { formatResolvedConfig } from '../config/formatResolvedConfig.js';
import { checkBinlogWake } from './checkBinlogWake.js';
import { EXIT_CONFIG, EXIT_OK } from './exitCodes.js';
import { findLogFileRefusal } from './findLogFileRefusal.js';
import { loadConfigOrExplain, printConfigWarnings } from './loadConfigOrExplain.js';

/** --check-config: validate and print the settings in force (password hidden); with wake = binlog, what the server lacks for it. */
export async function checkConfig(file: string): Promise<number> {
  const config = loadConfigOrExplain('monitor_service', file);
  if (!config) return EXIT_CONFIG;
  printConfigWarnings('monitor_service', config);
  // What would stop the agent at start, said now rather than then.
  const logRefusal = findLogFileRefusal(config.logging.log_file);
  if (logRefusal) {
    process.stderr.write(`monitor_service: ${logRefusal}\n`);
    return EXIT_CONFIG;
  }
  for (const warning of await checkBinlogWake(config)) process.stderr.write(`monitor_service: warning: ${warning}\n`);
  process.stdout.write(formatResolvedConfig(config));
  process.stdout.write(`; configuration OK\n`);
  return EXIT_OK;
}
