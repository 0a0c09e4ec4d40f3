import { findByName } from '../../process/findByName.js';
import { processTable } from '../../process/processTable.js';

/**
 * PIDs of running processes named exactly `name` (never the agent itself):
 * what `pgrep -x` answers, without running it — and, for a name longer than
 * 15 characters, by its full name, where pgrep -x finds nothing. The match is
 * exact: pgrep -x read `.` and `+` in a name as regular expression characters.
 */
export async function findProcessIds(name: string): Promise<number[]> {
  return findByName(await processTable(), name).filter((pid) => pid !== process.pid);
}
