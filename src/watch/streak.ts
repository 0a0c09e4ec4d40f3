import type { Observation } from './Watcher.js';

/** Failing checks in a row, whether the alarm was raised for them, and checks since it was. */
export interface Streak {
  failing: number;
  raised: boolean;
  sinceRaise: number;
}

export const NO_STREAK: Streak = { failing: 0, raised: false, sinceRaise: 0 };

/**
 * Pure, monit's "for N cycles": the alarm is raised once the condition has
 * failed `forCycles` checks in a row; one passing check ends the streak. A
 * streak that goes on after its alarm is raised again every `forCycles`
 * checks (`repeat`): the restart that alarm led to may have died between two
 * checks, unseen. A repeat acts only where the alarm was cleared meanwhile
 * (reportDetection), so an alarm being handled is not raised twice.
 */
export function nextStreak(streak: Streak, observation: Observation, forCycles: number): { streak: Streak; raise: boolean; repeat: boolean } {
  if (!observation.failing) return { streak: NO_STREAK, raise: false, repeat: false };
  const failing = streak.failing + 1;
  if (!streak.raised) {
    const raise = failing >= forCycles;
    return { streak: { failing, raised: raise, sinceRaise: 0 }, raise, repeat: false };
  }
  const sinceRaise = streak.sinceRaise + 1;
  if (sinceRaise >= forCycles) return { streak: { failing, raised: true, sinceRaise: 0 }, raise: true, repeat: true };
  return { streak: { failing, raised: true, sinceRaise }, raise: false, repeat: false };
}
