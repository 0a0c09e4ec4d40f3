import { readdirSync, readFileSync } from 'node:fs';
import type { CommandLineEntry } from './findByCommandLine.js';
import { isDeadState, readProcStat } from './procStat.js';

/** Pure: /proc/PID/cmdline (arguments ended by NUL bytes) as one line, the way pgrep -f reads it. */
export function commandLineText(raw: string): string {
  return raw.replace(/\0+$/, '').replace(/\0/g, ' ');
}

/**
 * The processes' command lines, with group and state, read from /proc (what
 * `pgrep -f` reads). `wanted` picks by command line first, so the second file
 * (stat) is read for those only: one read per process, not two. A process that
 * exits meanwhile is skipped.
 */
export function readCommandLines(wanted: (commandLine: string) => boolean = () => true): CommandLineEntry[] {
  const entries: CommandLineEntry[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    let commandLine: string;
    try {
      commandLine = commandLineText(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      continue;
    }
    if (!wanted(commandLine)) continue;
    const stat = readProcStat(pid);
    if (stat === undefined) continue;
    entries.push({ pid, commandLine, pgrp: stat.pgrp, running: !isDeadState(stat.state) });
  }
  return entries;
}
