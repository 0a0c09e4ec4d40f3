import { parseSvStatus } from './serviceDir/parseSvStatus.js';
import type { ServiceDirManager } from './serviceDir/ServiceDirManager.js';
import { serviceDirEntry } from './serviceDir/serviceDirEntry.js';
import { svWaitSeconds } from './serviceDir/svWaitSeconds.js';

/**
 * runit: runsvdir runs a runsv per directory of service_dir (/etc/service).
 * `sv -w N restart` sends term, cont and up, and waits up to N seconds for
 * the service to be up again (running ./check when there is one); sv status
 * then confirms. The directory is always given as an absolute path: sv reads
 * a bare name as one in $SVDIR.
 */
export const runit: ServiceDirManager<'runit'> = {
  name: 'runit',
  summary: 'sv restart SERVICE_DIR/NAME, checked with sv status',
  usualServiceDir: '/etc/service',
  scanner: 'runsvdir',
  supervisor: 'runsv',
  statusCommand: (dir) => ['sv', 'status', dir],
  parseStatus: parseSvStatus,
  describe: (_dir, state) => `sv status: ${state.words}`,
  restartCommand: (dir, settings) => ['sv', '-w', String(svWaitSeconds(settings)), 'restart', dir],
  restartName: 'sv restart',
  restartSaysNothingOnSuccess: false,
  restartStartsStoppedOrPaused: true,
  minUpSeconds: 2,
  startCommand: (dir) => `sv up ${dir}`,
  resumeCommand: (dir) => `sv cont ${dir}`,
};

export const runitEntry = serviceDirEntry(runit);
