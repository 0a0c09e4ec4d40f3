import type { BreakerState } from './circuitBreaker.js';

/**
 * Pure: does the outcome change what the database holds for the breaker? A
 * success on a closed breaker without failures (nearly every restart) writes
 * nothing: one statement less per restart, and no row for a process whose
 * breaker never moved (no row reads as closed).
 */
export function breakerChanged(before: BreakerState, after: BreakerState): boolean {
  return (
    before.state !== after.state ||
    before.failures !== after.failures ||
    before.skipReported !== after.skipReported ||
    (before.openedAt?.getTime() ?? null) !== (after.openedAt?.getTime() ?? null)
  );
}
