import { describe, expect, it } from 'vitest';
import { BUSY_LAUNCHES, BUSY_WINDOW_MS, helperWanted } from '../../../src/exec/launchHelper/helperWanted.js';

describe('helperWanted', () => {
  it('is not wanted for a lone restart, nor for a few spread out', () => {
    expect(helperWanted([1_000], 1_000)).toBe(false);
    const spread = Array.from({ length: BUSY_LAUNCHES }, (_, i) => i * BUSY_WINDOW_MS);
    expect(helperWanted(spread, spread.at(-1)!)).toBe(false);
  });

  it(`is wanted once ${BUSY_LAUNCHES} launches come within ${BUSY_WINDOW_MS} ms`, () => {
    const burst = Array.from({ length: BUSY_LAUNCHES }, (_, i) => 5_000 + i * 10);
    expect(helperWanted(burst, burst.at(-1)!)).toBe(true);
    expect(helperWanted(burst.slice(1), burst.at(-1)!)).toBe(false);
  });
});
