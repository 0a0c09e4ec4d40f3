import { parseSvstat } from './serviceDir/parseSvstat.js';
import type { ServiceDirManager } from './serviceDir/ServiceDirManager.js';
import { serviceDirEntry } from './serviceDir/serviceDirEntry.js';

/**
 * daemontools: svscan runs a supervise per directory of service_dir
 * (/etc/service). `svc -t` sends the service SIGTERM and supervise starts it
 * again; svstat says whether it came back (it exits 0 whatever it says).
 */
export const daemontools: ServiceDirManager<'daemontools'> = {
  name: 'daemontools',
  summary: 'svc -t SERVICE_DIR/NAME, checked with svstat',
  usualServiceDir: '/etc/service',
  scanner: 'svscan',
  supervisor: 'supervise',
  statusCommand: (dir) => ['svstat', dir],
  parseStatus: parseSvstat,
  describe: (dir, state) => `svstat: ${dir}: ${state.words}`,
  restartCommand: (dir) => ['svc', '-t', dir],
  restartName: 'svc -t',
  restartSaysNothingOnSuccess: true,
  restartStartsStoppedOrPaused: false,
  minUpSeconds: 2,
  startCommand: (dir) => `svc -u ${dir}`,
  resumeCommand: (dir) => `svc -c ${dir}`,
};

export const daemontoolsEntry = serviceDirEntry(daemontools);
