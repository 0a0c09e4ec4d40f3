// Small process facts shared by the harness modules (Linux /proc).
import { readFile } from 'node:fs/promises';

/** A process as /proc knows it: the start time tells a reused pid from the original. */
export interface ProcessIdentity {
  pid: number;
  startTime: string;
}

/** Identity of a running process (default: this one), or undefined if it is gone. */
export async function identifyProcess(pid: number = process.pid): Promise<ProcessIdentity | undefined> {
  const fields = await statFields(pid);
  // Field 22 of /proc/PID/stat is the start time; fields[0] here is field 3 (state).
  return fields && !isDeadState(fields[0]) ? { pid, startTime: fields[19] ?? '' } : undefined;
}

/** True while that very process (not a later one with the same pid) is alive. */
export async function isStillRunning(identity: ProcessIdentity): Promise<boolean> {
  const current = await identifyProcess(identity.pid);
  return current?.startTime === identity.startTime;
}

/** True when the process no longer exists or is a zombie (its parent may be slow to reap it). */
export async function isGone(pid: number): Promise<boolean> {
  const fields = await statFields(pid);
  return fields === undefined || isDeadState(fields[0]);
}

/** Sends a signal, ignoring a process that is already gone. */
export function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** The fields after "pid (comm)" in /proc/PID/stat; comm may itself contain spaces and ')'. */
async function statFields(pid: number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function isDeadState(state: string | undefined): boolean {
  return state === 'Z' || state === 'X';
}
