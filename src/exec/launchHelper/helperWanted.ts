/** Launches within BUSY_WINDOW_MS that start the helper: a burst, not the odd restart. */
export const BUSY_LAUNCHES = 4;
export const BUSY_WINDOW_MS = 1_000;

/**
 * Pure: is the agent launching in a burst (BUSY_LAUNCHES launches within
 * BUSY_WINDOW_MS, the newest at `now`)? A lone restart is forked by the agent
 * itself: no helper process appears for it.
 */
export function helperWanted(recentLaunches: readonly number[], now: number): boolean {
  return recentLaunches.filter((at) => now - at < BUSY_WINDOW_MS).length >= BUSY_LAUNCHES;
}
