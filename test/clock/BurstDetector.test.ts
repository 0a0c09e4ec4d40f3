import { describe, expect, it } from 'vitest';
import { BurstDetector } from '../../src/clock/BurstDetector.js';

describe('BurstDetector', () => {
  it('is no burst for a lone event, nor for a few spread out', () => {
    expect(new BurstDetector(4, 1_000).note(1_000)).toBe(false);
    const spread = new BurstDetector(4, 1_000);
    expect([0, 1_000, 2_000, 3_000].map((at) => spread.note(at))).toEqual([false, false, false, false]);
  });

  it('is a burst once `count` events come within the window, and ends when they spread out again', () => {
    const detector = new BurstDetector(4, 1_000);
    expect([5_000, 5_010, 5_020, 5_030].map((at) => detector.note(at))).toEqual([false, false, false, true]);
    expect(detector.note(5_040)).toBe(true);
    // The oldest of the last four (5_020) is then 1_000 ms before: no longer within the window.
    expect(detector.note(6_020)).toBe(false);
  });

  it('by default, a burst is four events within a second', () => {
    const detector = new BurstDetector();
    expect([detector.count, detector.windowMs]).toEqual([4, 1_000]);
  });
});
