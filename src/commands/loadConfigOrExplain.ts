import { ConfigError } from '../config/ConfigError.js';
import { loadConfig } from '../config/loadConfig.js';
import type { Config } from '../config/types.js';

/**
 * Loads config.ini for a command, or writes "PROGRAM: problem" lines to
 * stderr and returns undefined (the caller exits 78).
 */
export function loadConfigOrExplain(program: string, file: string, stderr: NodeJS.WritableStream = process.stderr): Config | undefined {
  try {
    return loadConfig(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    stderr.write(`${program}: ${error.message}\n`);
    return undefined;
  }
}

/** Configuration warnings for a command-line tool (the daemon logs them instead). */
export function printConfigWarnings(program: string, config: Config, stderr: NodeJS.WritableStream = process.stderr): void {
  for (const warning of config.warnings) stderr.write(`${program}: warning: ${warning}\n`);
}
