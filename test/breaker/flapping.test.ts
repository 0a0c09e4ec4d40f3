import { describe, expect, it } from 'vitest';
import { describeFlapping, detectFlapping } from '../../src/breaker/flapping.js';

describe('detectFlapping', () => {
  it('flaps at the threshold, not below', () => {
    expect(detectFlapping(4, 5, 300)).toBeUndefined();
    expect(detectFlapping(5, 5, 300)).toEqual({ restarts: 5, windowSeconds: 300, byManager: 0 });
  });
  it("counts the service manager's own restarts with the procedures", () => {
    expect(detectFlapping(2, 5, 300, 2)).toBeUndefined();
    expect(detectFlapping(2, 5, 300, 3)).toEqual({ restarts: 5, windowSeconds: 300, byManager: 3 });
    expect(detectFlapping(1, 0, 300, 50)).toBeUndefined();
  });
  it('0 turns it off', () => {
    expect(detectFlapping(100, 0, 300)).toBeUndefined();
  });
  it('says it as history and status show it', () => {
    expect(describeFlapping({ restarts: 5, windowSeconds: 300, byManager: 0 })).toBe('flapping: 5 restarts in 300 s');
    expect(describeFlapping({ restarts: 5, windowSeconds: 300, byManager: 3 })).toBe('flapping: 5 restarts in 300 s (3 of them by its service manager)');
  });
});
