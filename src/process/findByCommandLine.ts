/** A process as the `match` pattern sees it. */
export interface CommandLineEntry {
  pid: number;
  /** argv joined by spaces, as `pgrep -f` and `ps` show it; '' for a kernel thread. */
  commandLine: string;
  /** Its process group: a command the agent runs leads one of its own. */
  pgrp: number;
  /** Not gone, not a zombie. */
  running: boolean;
}

/** What a pattern must never find: the agent's protected processes and the groups of its own commands. */
export interface MatchExclusions {
  /** PID 1, the agent, its parents, its unit's main process. */
  pids: ReadonlySet<number> | ReadonlyMap<number, unknown>;
  /** Process groups of the commands the agent runs right now (health checks, pre-restart commands…). */
  groups: ReadonlySet<number>;
}

/**
 * Pure: PIDs of the running processes whose full command line matches the
 * pattern (pgrep -f's rule), never the agent, its parents, or a command it runs
 * itself — a health check whose own command line holds the pattern would
 * otherwise be found by it. Kernel threads have no command line and are never found.
 */
export function findByCommandLine(entries: Iterable<CommandLineEntry>, pattern: RegExp, excluded: MatchExclusions): number[] {
  const found: number[] = [];
  for (const entry of entries) {
    if (!entry.running || entry.commandLine === '') continue;
    if (excluded.pids.has(entry.pid) || excluded.groups.has(entry.pgrp)) continue;
    if (pattern.test(entry.commandLine)) found.push(entry.pid);
  }
  return found;
}
