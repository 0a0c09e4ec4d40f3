import { resolveProcessSettings } from '../config/resolveProcessSettings.js';
import type { Config, WatchSettings } from '../config/types.js';
import { parseAddress } from '../config/watchProblems.js';
import { logWatcher } from './log/logWatcher.js';
import { commandWatcher } from './types/commandWatcher.js';
import { httpWatcher } from './types/httpWatcher.js';
import { processWatcher } from './types/processWatcher.js';
import { supervisorWatcher } from './types/supervisorWatcher.js';
import { svstatWatcher } from './types/svstatWatcher.js';
import { systemdWatcher } from './types/systemdWatcher.js';
import { tcpWatcher } from './types/tcpWatcher.js';
import type { Watcher, WatchProblems } from './Watcher.js';

/**
 * The watcher a [watch.NAME] section describes. Those that look at the process
 * through its manager read [process.NAME] (match, pid_file, systemd_scope,
 * supervisor_config, service_dir, restart_strategy) as the restart will.
 * Throws when the name cannot be watched that way (a unit type that is no
 * service, a supervisor group): the runner says so once.
 */
export function createWatcher(config: Config, name: string, settings: WatchSettings, problems: WatchProblems): Watcher {
  const processSettings = resolveProcessSettings(config.processDefaults, config.processes[name]);
  const timeoutMs = settings.timeout * 1000;
  switch (settings.type) {
    case 'process':
      return processWatcher(name, processSettings, problems);
    case 'systemd':
      return systemdWatcher(name, processSettings, timeoutMs, problems);
    case 'supervisor':
      return supervisorWatcher(name, processSettings, timeoutMs, problems);
    case 'svstat':
      return svstatWatcher(name, processSettings, settings.min_uptime, timeoutMs, problems);
    case 'log':
      return logWatcher(name, settings, problems);
    case 'command':
      return commandWatcher(name, settings, problems);
    case 'http':
      return httpWatcher(name, settings.url, timeoutMs);
    case 'tcp': {
      const address = parseAddress(settings.address);
      if (!address) throw new Error(`address ${settings.address} is not HOST:PORT`);
      return tcpWatcher(name, address, settings.address, timeoutMs);
    }
  }
}
