import { describe, expect, it } from 'vitest';
import { PolledIds } from '../../src/agent/PolledIds.js';

const rows = (...ids: unknown[]) => ids.map((process_id) => ({ process_id: process_id as number }));

describe('PolledIds', () => {
  it('finds ids and counts their rows in a poll ordered by process_id', () => {
    const polled = new PolledIds(rows(2, 5, 5, 5, 9, 40));
    expect([1, 2, 3, 5, 9, 10, 40, 41].map((id) => polled.has(id))).toEqual([false, true, false, true, true, false, true, false]);
    expect([2, 5, 9, 40, 7].map((id) => polled.count(id))).toEqual([1, 3, 1, 1, 0]);
  });

  it('is right for rows in any other order too', () => {
    const polled = new PolledIds(rows(9, 2, 5, 40, 5));
    expect([2, 5, 9, 40, 7].map((id) => polled.count(id))).toEqual([1, 2, 1, 1, 0]);
    expect(polled.has(40)).toBe(true);
    expect(polled.has(3)).toBe(false);
  });

  it('does not rely on the order of ids that are not plain integers', () => {
    const polled = new PolledIds(rows(1, Number.NaN, 3, 3));
    expect(polled.count(3)).toBe(2);
    expect(polled.has(1)).toBe(true);
    expect(polled.has(2)).toBe(false);
  });

  it('handles an empty poll', () => {
    expect(new PolledIds([]).has(1)).toBe(false);
  });
});
