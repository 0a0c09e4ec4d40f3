import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../../src/clock/formatTimestamp.js';

describe('formatTimestamp', () => {
  it('writes `YYYY-MM-DD HH:MM:SS` in local time', () => {
    expect(formatTimestamp(new Date(2023, 5, 15, 9, 5, 7))).toBe('2023-06-15 09:05:07');
  });

  it('pads every field', () => {
    expect(formatTimestamp(new Date(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05');
    expect(formatTimestamp(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31 23:59:59');
  });
});
