import { admit, breakerFromRow, type BreakerSettings } from '../breaker/circuitBreaker.js';
import { formatTimestamp } from '../clock/formatTimestamp.js';
import type { WatchTargetRow } from '../db/sql/watchTargets.js';

/** Why a watch raised no alarm: `no-status-row` is the one where nothing will ever act on the failure. */
export type NotRaised = 'no-status-row' | 'in-alarm' | 'breaker-open' | 'changed';

export type RaiseDecision = { raise: true } | { raise: false; because: Exclude<NotRaised, 'changed'>; why: string };

/**
 * Pure: may a watch put this process in alarm? Not when it already is (the
 * agent is on it), nor when its breaker is open (the agent would not restart
 * it: raising would only hide the failure behind a skip), nor when
 * STATUS_PROCESS has no row to set.
 */
export function decideRaise(row: WatchTargetRow, breaker: BreakerSettings): RaiseDecision {
  if (!row.in_status || row.alarma === null)
    return { raise: false, because: 'no-status-row', why: 'no STATUS_PROCESS row for this process ID (insert one to let alarms be raised)' };
  if (row.alarma !== 0) return { raise: false, because: 'in-alarm', why: `already in alarm (alarma = ${row.alarma})` };
  const admission = admit(breakerFromRow(row), row.db_now, breaker);
  if (admission.kind === 'skip') {
    return {
      raise: false,
      because: 'breaker-open',
      why: `circuit breaker open after ${admission.state.failures} failures; next trial after ${formatTimestamp(admission.retryAt)}`,
    };
  }
  return { raise: true };
}
