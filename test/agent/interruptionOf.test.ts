import { describe, expect, it } from 'vitest';
import { interruptionOf, interruptionReason } from '../../src/agent/interruptionOf.js';

describe('interruptionOf', () => {
  it('a lost claim interrupts whatever the result: the alarm is the new holder’s', () => {
    expect(interruptionOf(true, false, true)).toBe('claim lost');
    expect(interruptionOf(false, true, true)).toBe('claim lost');
  });
  it('a hard stop interrupts only a procedure that had not succeeded', () => {
    expect(interruptionOf(false, true, false)).toBe('shutdown');
    expect(interruptionOf(true, true, false)).toBeUndefined();
  });
  it('otherwise the procedure gives its verdict', () => {
    expect(interruptionOf(false, false, false)).toBeUndefined();
    expect(interruptionOf(true, false, false)).toBeUndefined();
  });
  it('the history reason says why, then what the procedure had reached', () => {
    expect(interruptionReason('shutdown', 'attempt 1: killed')).toBe(
      'the agent was stopped and shutdown_grace_period ran out before this procedure finished; attempt 1: killed',
    );
    expect(interruptionReason('claim lost', 'attempt 1: unhealthy')).toMatch(/^the claim expired .*another agent took the alarm over; attempt 1: unhealthy$/);
  });
});
