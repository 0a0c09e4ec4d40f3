import { describe, expect, it } from 'vitest';
import { admit, afterProcedure, breakerFromRow, CLOSED, retryAt, type BreakerState } from '../../src/breaker/circuitBreaker.js';

const settings = { maxFailures: 3, resetSeconds: 1800 };
const t0 = new Date('2024-05-01T10:00:00Z');
const later = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

/** What the caller does when the breaker opens: opened_at = the database's NOW(). */
function persistOpened(state: BreakerState, now: Date): BreakerState {
  return state.state === 'open' && state.openedAt === null ? { ...state, openedAt: now } : state;
}

describe('circuit breaker: closed', () => {
  it('allows restarts while closed', () => {
    expect(admit(CLOSED, t0, settings)).toEqual({ kind: 'allow', state: CLOSED });
    const counting: BreakerState = { ...CLOSED, failures: 2 };
    expect(admit(counting, t0, settings)).toEqual({ kind: 'allow', state: counting });
  });

  it('stays closed, counting, under max_restart_failures', () => {
    const one = afterProcedure(CLOSED, false, settings);
    expect(one).toEqual({ state: { ...CLOSED, failures: 1 }, opened: false, closed: false });
    const two = afterProcedure(one.state, false, settings);
    expect(two).toEqual({ state: { ...CLOSED, failures: 2 }, opened: false, closed: false });
  });

  it('opens at max_restart_failures failures in a row', () => {
    let state = CLOSED;
    for (let i = 0; i < 2; i++) state = afterProcedure(state, false, settings).state;
    const third = afterProcedure(state, false, settings);
    expect(third.opened).toBe(true);
    expect(third.closed).toBe(false);
    expect(third.state).toMatchObject({ state: 'open', failures: 3, skipReported: false });
  });

  it('opens on the first failure when max_restart_failures = 1', () => {
    const t = afterProcedure(CLOSED, false, { maxFailures: 1, resetSeconds: 60 });
    expect(t.opened).toBe(true);
    expect(t.state.state).toBe('open');
  });

  it('resets the count after a success while closed (failures must be in a row)', () => {
    const counting: BreakerState = { ...CLOSED, failures: 2 };
    const success = afterProcedure(counting, true, settings);
    expect(success.state).toEqual(CLOSED);
    expect(success.opened).toBe(false);
    expect(success.closed).toBe(false); // it never opened: nothing to announce
    // two more failures do not open it: the count started again
    let state = success.state;
    for (let i = 0; i < 2; i++) state = afterProcedure(state, false, settings).state;
    expect(state.state).toBe('closed');
    expect(state.failures).toBe(2);
  });

  it('a success from a clean closed breaker is not news', () => {
    expect(afterProcedure(CLOSED, true, settings)).toEqual({ state: CLOSED, opened: false, closed: false });
  });
});

describe('circuit breaker: open', () => {
  const open: BreakerState = { state: 'open', failures: 3, openedAt: t0, skipReported: false };

  it('retryAt is opened_at + circuit_reset_time, and null unless open', () => {
    expect(retryAt(open, settings)).toEqual(later(1800));
    expect(retryAt(CLOSED, settings)).toBeNull();
    expect(retryAt({ ...open, state: 'half_open' }, settings)).toBeNull();
  });

  it('skips before the reset time, reporting the first skip only', () => {
    const first = admit(open, later(10), settings);
    expect(first).toMatchObject({ kind: 'skip', firstReport: true, retryAt: later(1800) });
    expect(first.state.skipReported).toBe(true);
    expect(first.state.state).toBe('open');

    const second = admit(first.state, later(20), settings);
    expect(second).toMatchObject({ kind: 'skip', firstReport: false, retryAt: later(1800) });
    const third = admit(second.state, later(1799), settings);
    expect(third).toMatchObject({ kind: 'skip', firstReport: false });
  });

  it('grants one trial once the reset time has passed (half_open)', () => {
    const atReset = admit(open, later(1800), settings);
    expect(atReset.kind).toBe('trial');
    expect(atReset.state.state).toBe('half_open');
    expect(atReset.state.failures).toBe(3);
    expect(admit(open, later(5000), settings).kind).toBe('trial');
  });

  it('grants the trial again when a half_open trial never finished', () => {
    const halfOpen: BreakerState = { ...open, state: 'half_open' };
    expect(admit(halfOpen, later(1), settings)).toEqual({ kind: 'trial', state: halfOpen });
  });

  it('closes after a successful trial, saying so', () => {
    const trial = admit(open, later(1800), settings);
    const result = afterProcedure(trial.state, true, settings);
    expect(result).toEqual({ state: CLOSED, opened: false, closed: true });
  });

  it('opens again after a failed trial even when the count is below max_restart_failures (raised meanwhile)', () => {
    const halfOpen: BreakerState = { state: 'half_open', failures: 3, openedAt: t0, skipReported: true };
    expect(afterProcedure(halfOpen, false, { ...settings, maxFailures: 10 })).toEqual({
      state: { state: 'open', failures: 4, openedAt: null, skipReported: false },
      opened: true,
      closed: false,
    });
  });

  it('opens again after a failed trial, with a fresh skip report', () => {
    const skipped = admit(open, later(10), settings).state; // skipReported = true
    const trial = admit(skipped, later(1800), settings);
    const result = afterProcedure(trial.state, false, settings);
    expect(result.opened).toBe(true);
    expect(result.closed).toBe(false);
    expect(result.state).toMatchObject({ state: 'open', skipReported: false });

    // The caller stamps opened_at; the next reset period starts from the trial's end.
    const reopened = persistOpened(result.state, later(1900));
    const next = admit(reopened, later(1910), settings);
    expect(next).toMatchObject({ kind: 'skip', firstReport: true, retryAt: later(1900 + 1800) });
    expect(admit(next.state, later(1900 + 1800), settings).kind).toBe('trial');
  });

  it('goes round the full cycle closed → open → half_open → closed', () => {
    let state = CLOSED;
    let now = t0;
    for (let i = 0; i < 3; i++) {
      const a = admit(state, now, settings);
      expect(a.kind).toBe('allow');
      state = persistOpened(afterProcedure(a.state, false, settings).state, now);
    }
    expect(state.state).toBe('open');
    now = later(60);
    expect(admit(state, now, settings).kind).toBe('skip');
    now = later(1800);
    const trial = admit(state, now, settings);
    expect(trial.kind).toBe('trial');
    const done = afterProcedure(trial.state, true, settings);
    expect(done.closed).toBe(true);
    expect(admit(done.state, now, settings).kind).toBe('allow');
  });
});

describe('breakerFromRow', () => {
  const none = { breaker_state: null, breaker_failures: null, breaker_opened_at: null, breaker_skip_reported: null };

  it('reads no row as closed', () => {
    expect(breakerFromRow(none)).toEqual(CLOSED);
  });

  it('reads the columns of an open breaker', () => {
    expect(breakerFromRow({ breaker_state: 'open', breaker_failures: 3, breaker_opened_at: t0, breaker_skip_reported: 1 })).toEqual({
      state: 'open',
      failures: 3,
      openedAt: t0,
      skipReported: true,
    });
  });

  it('reads half_open and closed-with-failures', () => {
    expect(breakerFromRow({ ...none, breaker_state: 'half_open', breaker_failures: 3, breaker_opened_at: t0, breaker_skip_reported: 0 })).toMatchObject({
      state: 'half_open',
      skipReported: false,
    });
    expect(breakerFromRow({ ...none, breaker_state: 'closed', breaker_failures: 2, breaker_skip_reported: 0 })).toEqual({
      ...CLOSED,
      failures: 2,
    });
  });

  it('treats an unknown state as closed, keeping the count', () => {
    expect(breakerFromRow({ ...none, breaker_state: 'weird', breaker_failures: 1 })).toMatchObject({ state: 'closed', failures: 1 });
  });

  it('round-trips through admit: a stored skip report is not repeated', () => {
    const state = breakerFromRow({ breaker_state: 'open', breaker_failures: 3, breaker_opened_at: t0, breaker_skip_reported: 1 });
    expect(admit(state, later(5), settings)).toMatchObject({ kind: 'skip', firstReport: false });
  });
});

describe('afterProcedure with a restart loop (flapping)', () => {
  const settings = { maxFailures: 3, resetSeconds: 1800 };
  it('opens the breaker even after a success, counting the restarts', () => {
    expect(afterProcedure(CLOSED, true, settings, 5)).toEqual({
      state: { state: 'open', failures: 5, openedAt: null, skipReported: false },
      opened: true,
      closed: false,
    });
  });
  it('opens it again during a trial', () => {
    const trial = { state: 'half_open' as const, failures: 3, openedAt: null, skipReported: false };
    expect(afterProcedure(trial, true, settings, 4).opened).toBe(true);
  });
});
