import { matchesFullName } from './matchesFullName.js';
import { isDeadState, readProcStat } from './procStat.js';
import { COMM_LENGTH, type ProcessTable } from './processTable.js';

/** What findByName reads about a candidate beyond its comm (replaceable in unit tests). */
export interface CandidateProbes {
  /** Does the process carry `name` in full (for names longer than comm)? */
  fullNameOf(pid: number, name: string): boolean;
  /** Still running: not gone, not a zombie waiting to be reaped. */
  isRunning(pid: number): boolean;
}

export const procProbes: CandidateProbes = {
  fullNameOf: matchesFullName,
  isRunning(pid) {
    const stat = readProcStat(pid);
    return stat !== undefined && !isDeadState(stat.state);
  },
};

/**
 * PIDs of the running processes named exactly `name`. The table knows the
 * kernel's 15-character comm only, so two names sharing their first 15
 * characters look alike there: for a longer name each candidate is checked in
 * full. A zombie is no instance: it has exited (only its parent has not reaped
 * it yet), so it can neither be stopped nor count as healthy. Only candidates
 * are read, so the cost stays with the few processes of that name.
 */
export function findByName(table: ProcessTable, name: string, probes: CandidateProbes = procProbes): number[] {
  const candidates = table.get(name.slice(0, COMM_LENGTH)) ?? [];
  const named = name.length <= COMM_LENGTH ? candidates : candidates.filter((pid) => probes.fullNameOf(pid, name));
  return named.filter((pid) => probes.isRunning(pid));
}
