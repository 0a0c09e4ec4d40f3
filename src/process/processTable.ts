import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { scanDelayMs } from './scanPacing.js';

/** The kernel keeps 15 characters of a process name (comm); pgrep compares with that. */
export const COMM_LENGTH = 15;

export type ProcessTable = Map<string, number[]>;

let pending: Promise<ProcessTable> | undefined;
let lastScanEndedAt = Number.NEGATIVE_INFINITY;
let lastScanDurationMs = 0;

/**
 * comm → PIDs of every running process, read from /proc/PID/comm. pgrep reads
 * five /proc files per process (~60 µs each): with a thousand processes and
 * dozens of restarts at once that was most of a burst's CPU (bench/).
 * Lookups made before a scan starts share it; one made while a scan runs
 * waits for the next, so it always sees every process that existed when it asked.
 * Scans close together are paced (scanDelayMs), so a burst's lookups share them.
 */
export function processTable(): Promise<ProcessTable> {
  pending ??= new Promise<void>((resolve) => {
    const delay = scanDelayMs(performance.now() - lastScanEndedAt, lastScanDurationMs);
    if (delay > 0) setTimeout(resolve, delay);
    else setImmediate(resolve);
  }).then(() => {
    pending = undefined;
    const started = performance.now();
    const table = readProcessTable();
    lastScanEndedAt = performance.now();
    lastScanDurationMs = lastScanEndedAt - started;
    return table;
  });
  return pending;
}

/** The same table for a few known PIDs only (no walk of /proc). */
export function processTableOf(pids: Iterable<number>): ProcessTable {
  return readProcessTable([...pids].map(String));
}

/** comm is at most 15 bytes and a newline: one small buffer serves every read. */
const commBuffer = Buffer.alloc(64);

/** /proc/PID/comm without its newline, or undefined if the process is gone. */
function readComm(entry: string): string | undefined {
  let fd: number;
  try {
    // comm never waits on another process's memory lock (cmdline can).
    fd = openSync(`/proc/${entry}/comm`, 'r');
  } catch {
    return undefined; // exited meanwhile
  }
  try {
    // open, read, close: a quarter cheaper than readFileSync, which a burst does a million times.
    const length = readSync(fd, commBuffer, 0, commBuffer.length, 0);
    return commBuffer.toString('utf8', 0, commBuffer[length - 1] === 0x0a ? length - 1 : length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readProcessTable(entries: readonly string[] = readdirSync('/proc')): ProcessTable {
  const table: ProcessTable = new Map();
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const comm = readComm(entry);
    if (comm === undefined) continue;
    const pids = table.get(comm);
    if (pids) pids.push(pid);
    else table.set(comm, [pid]);
  }
  return table;
}
