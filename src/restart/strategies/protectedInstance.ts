import type { ProtectedPids } from '../../process/protectedPids.js';

/**
 * Pure: why the process strategy must not touch `name`, when a running
 * instance of it is a protected process (PID 1, the agent, one of its
 * parents, its unit's main process); else undefined.
 */
export function protectedInstance(name: string, runningPids: readonly number[], guard: ProtectedPids): string | undefined {
  const hit = runningPids.find((pid) => guard.has(pid));
  if (hit === undefined) return undefined;
  return `a running ${name} (PID ${hit}) is ${guard.get(hit)}; the agent never signals it, so it does not restart ${name} with the process strategy`;
}
