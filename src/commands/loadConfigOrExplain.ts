import { ConfigError } from '../config/ConfigError.js';
import { loadConfig } from '../config/loadConfig.js';
import type { Config } from '../config/types.js';

/** Loads config.ini, or writes every problem to stderr and returns undefined. */
export function loadConfigOrExplain(file: string, stderr: NodeJS.WritableStream = process.stderr): Config | undefined {
  try {
    return loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`monitor_service: ${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}
