import { BurstDetector } from '../clock/BurstDetector.js';
import { readProcessTable, type ProcessTable } from './readProcessTable.js';
import { ScanWorker } from './scanWorker/ScanWorker.js';
import { SCAN_PACING, scanDelayMs, WORKER_SCAN_PACING } from './scanPacing.js';

export type { ProcessTable } from './readProcessTable.js';

/** The kernel keeps 15 characters of a process name (comm); pgrep compares with that. */
export const COMM_LENGTH = 15;

let pending: Promise<ProcessTable> | undefined;
/** The walk under way, if any: the next one starts after it ends. */
let walking: Promise<ProcessTable> | undefined;
let lastScanEndedAt = Number.NEGATIVE_INFINITY;
let lastScanDurationMs = 0;

/** Walks in a burst (four within a second) go to a worker thread; a lone walk stays on the agent's thread. */
const worker = new ScanWorker();
const walks = new BurstDetector();

/**
 * comm → PIDs of every running process, read from /proc/PID/comm. pgrep reads
 * five /proc files per process (~60 µs each): with a thousand processes and
 * dozens of restarts at once that was most of a burst's CPU (bench/).
 * Lookups made before a walk starts share it; one made while a walk runs
 * waits for the next, so it always sees every process that existed when it asked.
 * Walks close together are paced (scanDelayMs), so a burst's lookups share them.
 */
export function processTable(): Promise<ProcessTable> {
  pending ??= (walking ?? Promise.resolve())
    .then(
      () =>
        new Promise<void>((resolve) => {
          const pacing = worker.ready ? WORKER_SCAN_PACING : SCAN_PACING;
          const delay = scanDelayMs(performance.now() - lastScanEndedAt, lastScanDurationMs, pacing);
          if (delay > 0) setTimeout(resolve, delay);
          else setImmediate(resolve);
        }),
    )
    .then(() => {
      // From here on a lookup needs the next walk.
      pending = undefined;
      walking = walk().finally(() => (walking = undefined));
      return walking;
    });
  return pending;
}

/** One walk: by the scan worker in a burst (by the agent's thread if the worker fails), else by the agent's thread. */
async function walk(): Promise<ProcessTable> {
  const started = performance.now();
  if (walks.note(started) && !worker.ready) worker.start();
  const table = worker.ready ? await worker.scan().catch(() => readProcessTable()) : readProcessTable();
  lastScanEndedAt = performance.now();
  lastScanDurationMs = lastScanEndedAt - started;
  return table;
}

/** The same table for a few known PIDs only (no walk of /proc). */
export function processTableOf(pids: Iterable<number>): ProcessTable {
  return readProcessTable([...pids].map(String));
}

/** Whether walks go to the scan worker now (a burst is under way and the worker is online). */
export function walksInWorker(): boolean {
  return worker.ready;
}
