// Commands that leave a process outside their own process group (setsid), the way
// a careless health check or pre-restart script does, and the cleanup of those
// orphans: the group kill cannot reach them, so tests kill them by pid.
import { readFileSync } from 'node:fs';
import { killQuietly } from './processes.js';

/**
 * Shell text that starts `command` under setsid in the background, appends its pid to
 * `pidFile`, and goes on only once it has left the group: without that wait, a
 * command that exits at once can have the group killed before setsid ran, and
 * then there is no orphan to test.
 */
export function startOrphan(command: string, pidFile: string): string {
  return `setsid ${command} & o=$!; echo $o >> '${pidFile}'; ` + `until [ "$(ps -o sid= -p $o | tr -d ' ')" = "$o" ]; do sleep 0.01; done`;
}

/** Pids recorded by startOrphan (none if the file is missing). */
export function orphanPids(pidFile: string): number[] {
  try {
    return readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Kills each recorded orphan and its own group (setsid made it a group leader). */
export function killOrphans(pidFile: string): void {
  for (const pid of orphanPids(pidFile)) {
    killQuietly(-pid, 'SIGKILL');
    killQuietly(pid, 'SIGKILL');
  }
}
