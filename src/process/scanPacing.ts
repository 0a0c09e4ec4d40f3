/**
 * Pure: how long a new walk of /proc waits after the last one. A walk costs
 * about 5 µs per process and blocks the agent; in a burst, restarts ask for
 * one every few milliseconds, and each asking alone made the burst quadratic
 * (a thousand restarts, a thousand walks of a thousand processes). Waiting
 * until SCAN_PACING times the last walk's duration has passed since it ended
 * lets every restart that asks meanwhile share the next walk, and keeps walks
 * to a fifth of the agent's time; a lone lookup (the last walk long ago) waits nothing.
 */
export const SCAN_PACING = 4;

export function scanDelayMs(sinceLastScanEndedMs: number, lastScanDurationMs: number): number {
  return Math.max(0, Math.ceil(SCAN_PACING * lastScanDurationMs - sinceLastScanEndedMs));
}
