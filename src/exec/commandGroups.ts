/**
 * The process groups of the commands the agent is running right now (each
 * command leads a group of its own: runCommand.ts). A `match` pattern must never
 * find them: a health check or pre-restart command whose own command line holds
 * the pattern is the agent's, not an instance to stop or to count as healthy.
 */
const running = new Set<number>();

/** Remembers a command's group while it runs; the returned function forgets it. */
export function trackCommandGroup(pgid: number | undefined): () => void {
  if (pgid === undefined) return () => undefined;
  running.add(pgid);
  return () => running.delete(pgid);
}

export function runningCommandGroups(): ReadonlySet<number> {
  return running;
}
