import { runArgv } from '../../exec/runCommand.js';

/** The kernel keeps 15 characters of a process name (comm); pgrep -x compares with that. */
const COMM_LENGTH = 15;

/** PIDs of running processes named exactly `name` (never the agent itself). */
export async function findProcessIds(name: string, timeoutMs: number): Promise<number[]> {
  const result = await runArgv('pgrep', ['-x', '--', name.slice(0, COMM_LENGTH)], { timeoutMs });
  if (result.exitCode !== 0) return [];
  return result.output
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
}
