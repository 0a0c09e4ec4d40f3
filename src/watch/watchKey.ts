import { resolveProcessSettings } from '../config/resolveProcessSettings.js';
import type { Config } from '../config/types.js';

/**
 * What a [watch.NAME] does, as a string: its section and the [process.NAME]
 * settings its watcher reads (createWatcher). A reload keeps a watch whose key
 * is unchanged running (WatchRunner.update).
 */
export function watchKey(config: Config, name: string): string {
  return JSON.stringify([config.watches[name], resolveProcessSettings(config.processDefaults, config.processes[name])]);
}
