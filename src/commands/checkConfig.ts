import { formatResolvedConfig } from '../config/formatResolvedConfig.js';
import { EXIT_CONFIG, EXIT_OK } from './exitCodes.js';
import { loadConfigOrExplain } from './loadConfigOrExplain.js';

/** --check-config: validate and print the settings in force (password hidden). */
export function checkConfig(file: string): number {
  const config = loadConfigOrExplain(file);
  if (!config) return EXIT_CONFIG;
  for (const warning of config.warnings) process.stderr.write(`monitor_service: warning: ${warning}\n`);
  process.stdout.write(formatResolvedConfig(config));
  process.stdout.write(`; configuration OK\n`);
  return EXIT_OK;
}
