import { matchesFullName } from './matchesFullName.js';
import { COMM_LENGTH, type ProcessTable } from './processTable.js';

/**
 * PIDs of the processes named exactly `name`. The table knows the kernel's
 * 15-character comm only, so two names sharing their first 15 characters
 * look alike there: for a longer name each candidate is checked in full.
 */
export function findByName(table: ProcessTable, name: string, fullNameOf: (pid: number, name: string) => boolean = matchesFullName): number[] {
  const candidates = table.get(name.slice(0, COMM_LENGTH)) ?? [];
  if (name.length <= COMM_LENGTH) return [...candidates];
  return candidates.filter((pid) => fullNameOf(pid, name));
}
