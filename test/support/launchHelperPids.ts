import { readFileSync } from 'node:fs';

/** PIDs of the agent's launch helper (dist/exec/launchHelper/helperMain.js) among its children: none when it does not run. */
export function launchHelperPids(agentPid: number): number[] {
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return ''; // gone meanwhile
    }
  };
  return read(`/proc/${agentPid}/task/${agentPid}/children`)
    .split(' ')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => read(`/proc/${pid}/cmdline`).includes('helperMain.js'));
}
