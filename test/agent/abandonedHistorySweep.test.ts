import { describe, expect, it } from 'vitest';
import { sweepDue } from '../../src/agent/AbandonedHistorySweep.js';

describe('sweepDue', () => {
  it('runs at the first poll', () => {
    expect(sweepDue(undefined, 1_000, 120)).toBe(true);
  });

  it('then once per claim_lease', () => {
    expect(sweepDue(1_000, 1_000 + 4_999, 5)).toBe(false);
    expect(sweepDue(1_000, 1_000 + 5_000, 5)).toBe(true);
    expect(sweepDue(0, 119_999, 120)).toBe(false);
  });
});
