import { COMM_LENGTH, processTable } from '../../process/processTable.js';

/**
 * PIDs of running processes named exactly `name` (never the agent itself):
 * what `pgrep -x` answers, without running it. The match is exact: pgrep -x
 * read `.` and `+` in a name as regular expression characters.
 */
export async function findProcessIds(name: string): Promise<number[]> {
  const table = await processTable();
  return (table.get(name.slice(0, COMM_LENGTH)) ?? []).filter((pid) => pid !== process.pid);
}
