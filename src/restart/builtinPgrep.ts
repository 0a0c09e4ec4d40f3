import { findByName, procProbes } from '../process/findByName.js';
import { COMM_LENGTH, processTable, processTableOf, type ProcessTable } from '../process/processTable.js';

/** The guide's default health check, which the agent evaluates itself. */
export const DEFAULT_PGREP_CHECK = 'pgrep %s';

export function isDefaultPgrepCheck(command: string): boolean {
  return command.trim().replace(/\s+/g, ' ') === DEFAULT_PGREP_CHECK;
}

/**
 * `pgrep NAME`, answered in-process: true if any process's 15-character
 * name matches NAME as a regular expression — pgrep's own rule — without a
 * fork and a full /proc walk per check. undefined when NAME is not a regular
 * expression JavaScript reads the way pgrep's (POSIX extended) would: the
 * caller then runs the real pgrep. Unlike pgrep, a zombie (exited, not yet
 * reaped) does not count: a stopped instance must not pass for a started one.
 *
 * A NAME longer than 15 characters can never match a 15-character comm, so
 * the real pgrep would always fail: here it passes when a process carries
 * that exact full name (the same rule the process strategy stops by).
 *
 * firstLook: PIDs to look at before the whole table (the start command just
 * launched and its children: it usually execs the program): a match there
 * answers at once. With wholeTable false, a miss there answers false without
 * the walk of /proc (the caller looks again soon, and then at everything).
 */
export async function builtinPgrep(name: string, firstLook: readonly number[] = [], wholeTable = true): Promise<boolean | undefined> {
  if (name.length > COMM_LENGTH) {
    const found = (table: ProcessTable): boolean => findByName(table, name).some((pid) => pid !== process.pid);
    return found(processTableOf(firstLook)) || (wholeTable && found(await processTable()));
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(name);
  } catch {
    return undefined;
  }
  const matches = (table: ProcessTable): boolean => [...table].some(([comm, pids]) => pattern.test(comm) && pids.some((pid) => procProbes.isRunning(pid)));
  return matches(processTableOf(firstLook)) || (wholeTable && matches(await processTable()));
}
