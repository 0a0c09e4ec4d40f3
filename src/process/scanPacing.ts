/**
 * Pure: how long a new walk of /proc waits after the last one. A walk costs
 * about 5 µs per process; in a burst, restarts ask for one every few
 * milliseconds, and each asking alone made the burst quadratic (a thousand
 * restarts, a thousand walks of a thousand processes). Waiting until `pacing`
 * times the last walk's duration has passed since it ended lets every restart
 * that asks meanwhile share the next walk; a lone lookup (the last walk long
 * ago) waits nothing.
 */
export function scanDelayMs(sinceLastScanEndedMs: number, lastScanDurationMs: number, pacing: number): number {
  return Math.max(0, Math.ceil(pacing * lastScanDurationMs - sinceLastScanEndedMs));
}

/** A walk on the agent's thread blocks it: paced to keep walks to a fifth of its time. */
export const SCAN_PACING = 4;

/** A walk in the scan worker blocks nothing but costs CPU: paced to keep the worker at most a third busy (bench/: as much CPU in all as walking on the agent's thread, a quarter less on that thread). */
export const WORKER_SCAN_PACING = 2;
