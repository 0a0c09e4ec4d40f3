import { describe, expect, it } from 'vitest';
import { NO_STREAK, nextStreak, type Streak } from '../../src/watch/streak.js';
import type { Observation } from '../../src/watch/Watcher.js';

const fail: Observation = { failing: true, evidence: 'no running instance' };
const pass: Observation = { failing: false };

/** The first raise of each streak over a sequence of observations (repeats in `repeats`). */
function raises(observations: Observation[], forCycles: number): boolean[] {
  return decisions(observations, forCycles).map((d) => d === 'raise');
}

function decisions(observations: Observation[], forCycles: number): Array<'raise' | 'repeat' | '-'> {
  let streak: Streak = NO_STREAK;
  return observations.map((observation) => {
    const next = nextStreak(streak, observation, forCycles);
    streak = next.streak;
    return next.repeat ? 'repeat' : next.raise ? 'raise' : '-';
  });
}

describe('nextStreak (for N cycles)', () => {
  it('raises on the first failure when for_cycles is 1, once per streak', () => {
    expect(raises([fail, fail, fail], 1)).toEqual([true, false, false]);
  });
  it('waits for for_cycles failures in a row', () => {
    expect(raises([fail, fail, fail, fail], 3)).toEqual([false, false, true, false]);
  });
  it('a passing check in between starts counting again', () => {
    expect(raises([fail, fail, pass, fail, fail, fail], 3)).toEqual([false, false, false, false, false, true]);
  });
  it('after a pass, a new streak may raise again', () => {
    expect(raises([fail, pass, fail], 1)).toEqual([true, false, true]);
  });
  it('a streak that goes on is raised again every for_cycles checks (the restart may have died unseen)', () => {
    expect(decisions([fail, fail, fail, fail, fail, fail, fail], 2)).toEqual(['-', 'raise', '-', 'repeat', '-', 'repeat', '-']);
    expect(decisions([fail, fail, fail], 1)).toEqual(['raise', 'repeat', 'repeat']);
    expect(decisions([fail, fail, pass, fail, fail], 2)).toEqual(['-', 'raise', '-', '-', 'raise']);
  });
});
