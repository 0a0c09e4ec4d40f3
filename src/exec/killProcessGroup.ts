/**
 * Kills every process in a group. Commands run in their own group (detached),
 * so a shell's grandchildren (`sleep` behind `sh -c`) die with it: execa alone
 * only kills the direct child.
 */
export function killProcessGroup(pgid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pgid) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}
