import { readFileSync } from 'node:fs';

/** What /proc/PID/stat says about a process that matters for signalling it. */
export interface ProcStat {
  /** Field 3: R, S, D, Z (zombie), X (dead)… */
  state: string;
  /** Field 4. */
  ppid: number;
  /** Field 5: the process group (a command the agent runs leads a group of its own). */
  pgrp: number;
  /** Field 22, in clock ticks since boot: tells a reused PID from the original. */
  startTime: string;
}

/** Pure: parses a /proc/PID/stat line; comm (field 2) may itself hold spaces and ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, ppid, pgrp] = fields;
  const startTime = fields[19];
  if (state === undefined || ppid === undefined || pgrp === undefined || startTime === undefined) return undefined;
  return { state, ppid: Number(ppid), pgrp: Number(pgrp), startTime };
}

/** undefined when the process does not exist (any more). */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A zombie has exited; only its parent's wait() is missing. */
export function isDeadState(state: string): boolean {
  return state === 'Z' || state === 'X';
}
