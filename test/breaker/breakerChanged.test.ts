import { describe, expect, it } from 'vitest';
import { breakerChanged } from '../../src/breaker/breakerChanged.js';
import type { BreakerState } from '../../src/breaker/circuitBreaker.js';

const closed: BreakerState = { state: 'closed', failures: 0, openedAt: null, skipReported: false };

describe('breakerChanged', () => {
  it('is false for the usual success: closed without failures before and after', () => {
    expect(breakerChanged(closed, { ...closed })).toBe(false);
    const open: BreakerState = { state: 'open', failures: 3, openedAt: new Date(1_000), skipReported: true };
    expect(breakerChanged(open, { ...open, openedAt: new Date(1_000) })).toBe(false);
  });

  it('is true when any field moves', () => {
    expect(breakerChanged(closed, { ...closed, failures: 1 })).toBe(true);
    expect(breakerChanged(closed, { ...closed, state: 'open' })).toBe(true);
    expect(breakerChanged(closed, { ...closed, skipReported: true })).toBe(true);
    expect(breakerChanged(closed, { ...closed, openedAt: new Date(0) })).toBe(true);
    expect(breakerChanged({ ...closed, failures: 2 }, closed)).toBe(true);
  });
});
