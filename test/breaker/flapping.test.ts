import { describe, expect, it } from 'vitest';
import { describeFlapping, detectFlapping } from '../../src/breaker/flapping.js';

describe('detectFlapping', () => {
  it('flaps at the threshold, not below', () => {
    expect(detectFlapping(4, 5, 300)).toBeUndefined();
    expect(detectFlapping(5, 5, 300)).toEqual({ restarts: 5, windowSeconds: 300 });
  });
  it('0 turns it off', () => {
    expect(detectFlapping(100, 0, 300)).toBeUndefined();
  });
  it('says it as history and status show it', () => {
    expect(describeFlapping({ restarts: 5, windowSeconds: 300 })).toBe('flapping: 5 restarts in 300 s');
  });
});
