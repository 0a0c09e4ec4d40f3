import { parseS6Svstat } from './serviceDir/parseS6Svstat.js';
import type { ServiceDirManager } from './serviceDir/ServiceDirManager.js';
import { serviceDirEntry } from './serviceDir/serviceDirEntry.js';

/**
 * s6: s6-svscan runs an s6-supervise per directory of service_dir
 * (/run/service). `s6-svc -r` sends the service its down signal (SIGTERM
 * unless ./down-signal says otherwise) and s6-supervise starts it again;
 * s6-svstat says whether it came back.
 */
export const s6: ServiceDirManager<'s6'> = {
  name: 's6',
  summary: 's6-svc -r SERVICE_DIR/NAME, checked with s6-svstat',
  usualServiceDir: '/run/service',
  scanner: 's6-svscan',
  supervisor: 's6-supervise',
  statusCommand: (dir) => ['s6-svstat', dir],
  parseStatus: (output) => parseS6Svstat(output),
  describe: (dir, state) => (state.words.startsWith('s6-svstat:') ? state.words : `s6-svstat ${dir}: ${state.words}`),
  restartCommand: (dir) => ['s6-svc', '-r', dir],
  restartName: 's6-svc -r',
  restartSaysNothingOnSuccess: false,
  restartStartsStoppedOrPaused: false,
  minUpSeconds: 1,
  startCommand: (dir) => `s6-svc -u ${dir}`,
  resumeCommand: (dir) => `s6-svc -c ${dir}`,
};

export const s6Entry = serviceDirEntry(s6);
