import { describe, expect, it } from 'vitest';
import { SCAN_PACING, scanDelayMs } from '../../src/process/scanPacing.js';

describe('scanDelayMs', () => {
  it('lets a lone lookup walk /proc at once (the last walk is long past)', () => {
    expect(scanDelayMs(Number.POSITIVE_INFINITY, 0, SCAN_PACING)).toBe(0);
    expect(scanDelayMs(1_000, 6, SCAN_PACING)).toBe(0);
  });

  it('spaces walks that follow each other, so the lookups of a burst share one', () => {
    expect(scanDelayMs(0, 6, SCAN_PACING)).toBe(SCAN_PACING * 6);
    expect(scanDelayMs(10, 6, SCAN_PACING)).toBe(SCAN_PACING * 6 - 10);
    expect(scanDelayMs(SCAN_PACING * 6, 6, SCAN_PACING)).toBe(0);
    expect(scanDelayMs(0, 6, 1)).toBe(6);
  });
});
