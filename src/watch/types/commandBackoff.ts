/** First wait before a command that exited is started again; doubled at each quick exit up to MAX. */
export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 60_000;
/** A command that ran this long before exiting is started again after FIRST_BACKOFF_MS. */
export const STABLE_RUN_MS = 60_000;

/** Pure: how long to wait before starting the command again, given the last wait and how long it ran. */
export function nextBackoff(previousMs: number | undefined, ranMs: number): number {
  if (previousMs === undefined || ranMs >= STABLE_RUN_MS) return FIRST_BACKOFF_MS;
  return Math.min(previousMs * 2, MAX_BACKOFF_MS);
}
