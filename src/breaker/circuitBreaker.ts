/**
 * The circuit breaker of one process, as pure decisions. Times are the
 * database's clock (passed in as `now`), so every agent and every restart of
 * the agent sees the same breaker.
 *
 *   closed ──(max_restart_failures failed procedures in a row)──▶ open
 *   open ──(circuit_reset_time passed; next alarm)──▶ half_open: one trial
 *   half_open ──success──▶ closed        half_open ──failure──▶ open again
 *   any ──(flap_threshold procedures within flap_window, even successful)──▶ open
 */
export type BreakerStateName = 'closed' | 'open' | 'half_open';

export interface BreakerState {
  state: BreakerStateName;
  /** Failed procedures in a row. */
  failures: number;
  openedAt: Date | null;
  /** The "skipped" message was already logged for this opening. */
  skipReported: boolean;
}

export interface BreakerSettings {
  maxFailures: number;
  resetSeconds: number;
}

export const CLOSED: BreakerState = { state: 'closed', failures: 0, openedAt: null, skipReported: false };

export type Admission =
  { kind: 'allow'; state: BreakerState } | { kind: 'trial'; state: BreakerState } | { kind: 'skip'; state: BreakerState; retryAt: Date; firstReport: boolean };

/** When an open breaker lets the next trial through. */
export function retryAt(state: BreakerState, settings: BreakerSettings): Date | null {
  if (state.state !== 'open' || !state.openedAt) return null;
  return new Date(state.openedAt.getTime() + settings.resetSeconds * 1000);
}

/** May a restart procedure run now for a process in alarm? */
export function admit(state: BreakerState, now: Date, settings: BreakerSettings): Admission {
  if (state.state === 'closed') return { kind: 'allow', state };
  // half_open: a trial was granted and never finished (agent stopped): grant it again.
  if (state.state === 'half_open') return { kind: 'trial', state };
  const at = retryAt(state, settings) ?? now;
  if (now.getTime() >= at.getTime()) return { kind: 'trial', state: { ...state, state: 'half_open' } };
  return { kind: 'skip', state: { ...state, skipReported: true }, retryAt: at, firstReport: !state.skipReported };
}

export interface OutcomeTransition {
  state: BreakerState;
  /** The breaker opened (or re-opened) just now: say so. */
  opened: boolean;
  /** It was open or counting failures and is clean again. */
  closed: boolean;
}

/**
 * The breaker after a procedure ended. `opened_at` is set to the database's NOW()
 * by the caller when opened. `flappingRestarts` (set when the process is in a
 * restart loop) opens it whatever the outcome, counting those restarts.
 */
export function afterProcedure(state: BreakerState, success: boolean, settings: BreakerSettings, flappingRestarts?: number): OutcomeTransition {
  if (flappingRestarts !== undefined) {
    return { state: { state: 'open', failures: flappingRestarts, openedAt: null, skipReported: false }, opened: true, closed: false };
  }
  if (success) {
    // Failures counted while closed are forgotten without a word: only leaving open/half_open is news.
    return { state: CLOSED, opened: false, closed: state.state !== 'closed' };
  }
  const failures = state.failures + 1;
  if (state.state === 'half_open' || failures >= settings.maxFailures) {
    return { state: { state: 'open', failures, openedAt: null, skipReported: false }, opened: true, closed: false };
  }
  return { state: { ...state, failures }, opened: false, closed: false };
}

/** Reads the breaker columns of a poll row; no row means closed. */
export function breakerFromRow(row: {
  breaker_state: string | null;
  breaker_failures: number | null;
  breaker_opened_at: Date | null;
  breaker_skip_reported: number | null;
}): BreakerState {
  if (row.breaker_state === null) return CLOSED;
  const state: BreakerStateName = row.breaker_state === 'open' || row.breaker_state === 'half_open' ? row.breaker_state : 'closed';
  return {
    state,
    failures: row.breaker_failures ?? 0,
    openedAt: row.breaker_opened_at,
    skipReported: Boolean(row.breaker_skip_reported),
  };
}
