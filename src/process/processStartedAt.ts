import { readFileSync } from 'node:fs';

/** The unit of /proc/PID/stat's start time: sysconf(_SC_CLK_TCK), 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** Pure: the btime line of /proc/stat (boot time, whole seconds since the epoch), in ms. */
export function parseBootTime(procStat: string): number | undefined {
  const match = /^btime (\d+)$/m.exec(procStat);
  return match ? Number(match[1]) * 1000 : undefined;
}

/** Pure: a process's start as wall-clock ms, from its start time in ticks since boot. */
export function startedAtMs(startTimeTicks: string, bootTimeMs: number): number {
  return bootTimeMs + (Number(startTimeTicks) * 1000) / TICKS_PER_SECOND;
}

/**
 * Boot time by the current clock (the kernel recomputes btime when the clock
 * is set), so a start computed from it is on the same clock as a file's
 * mtime. btime is cut to the second: a start comes out up to 1 s early, never late.
 */
export function readBootTimeMs(): number | undefined {
  try {
    return parseBootTime(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}
