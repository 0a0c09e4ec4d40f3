import type { Observation } from './Watcher.js';

/** Failing checks in a row, and whether the alarm was already raised for them. */
export interface Streak {
  failing: number;
  raised: boolean;
}

export const NO_STREAK: Streak = { failing: 0, raised: false };

/**
 * Pure, monit's "for N cycles": the alarm is raised once the condition has
 * failed `forCycles` checks in a row, and only once per streak; one passing
 * check ends the streak.
 */
export function nextStreak(streak: Streak, observation: Observation, forCycles: number): { streak: Streak; raise: boolean } {
  if (!observation.failing) return { streak: NO_STREAK, raise: false };
  const failing = streak.failing + 1;
  const raise = !streak.raised && failing >= forCycles;
  return { streak: { failing, raised: streak.raised || raise }, raise };
}
