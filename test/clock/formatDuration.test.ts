import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/clock/formatDuration.js';

describe('formatDuration', () => {
  it('picks the two largest units', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(725)).toBe('12m 05s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3h 02m');
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe('2d 04h');
  });
});
