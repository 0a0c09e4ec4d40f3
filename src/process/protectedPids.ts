/** PID → why the agent must never signal it. */
export type ProtectedPids = ReadonlyMap<number, string>;

/**
 * Pure: PID 1, the agent, every process above it (walking the parent chain
 * with parentOf) and the main process of the agent's own unit. Signalling
 * any of them stops the machine or the agent itself.
 */
export function protectedPids(selfPid: number, parentOf: (pid: number) => number | undefined, unitMainPid: number | undefined): ProtectedPids {
  const found = new Map<number, string>();
  found.set(1, 'PID 1 (the init system)');
  if (unitMainPid !== undefined && unitMainPid > 0 && !found.has(unitMainPid)) found.set(unitMainPid, "the main process of the agent's own systemd unit");
  found.set(selfPid, 'the agent itself');
  let pid = parentOf(selfPid);
  const seen = new Set<number>([selfPid]);
  while (pid !== undefined && pid > 1 && !seen.has(pid)) {
    seen.add(pid);
    found.set(pid, "one of the agent's parent processes");
    pid = parentOf(pid);
  }
  return found;
}
