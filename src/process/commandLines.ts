import { readdirSync, readFileSync } from 'node:fs';
import type { CommandLineEntry } from './findByCommandLine.js';
import { isDeadState, readProcStat } from './procStat.js';

/** Pure: /proc/PID/cmdline (arguments ended by NUL bytes) as one line, the way pgrep -f reads it. */
export function commandLineText(raw: string): string {
  return raw.replace(/\0+$/, '').replace(/\0/g, ' ');
}

/**
 * Every process's command line, group and state, read from /proc (what
 * `pgrep -f` reads). A process that exits meanwhile is skipped.
 */
export function readCommandLines(): CommandLineEntry[] {
  const entries: CommandLineEntry[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const stat = readProcStat(pid);
    if (stat === undefined) continue;
    let raw: string;
    try {
      raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    entries.push({ pid, commandLine: commandLineText(raw), pgrp: stat.pgrp, running: !isDeadState(stat.state) });
  }
  return entries;
}
