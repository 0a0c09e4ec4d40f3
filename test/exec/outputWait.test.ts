import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROUP_DYING_MS, groupAlive, keepWaitingForOutput, OUTPUT_GRACE_MS } from '../../src/exec/outputWait.js';

describe('keepWaitingForOutput', () => {
  it('waits the grace in any case: what the command printed is read first', () => {
    expect(keepWaitingForOutput({ elapsedMs: 0, groupAlive: false, forced: false })).toBe(true);
    expect(keepWaitingForOutput({ elapsedMs: OUTPUT_GRACE_MS - 1, groupAlive: false, forced: true })).toBe(true);
  });

  it('then waits for members of the group still dying, but not past a timeout or abort', () => {
    expect(keepWaitingForOutput({ elapsedMs: 500, groupAlive: true, forced: false })).toBe(true);
    expect(keepWaitingForOutput({ elapsedMs: OUTPUT_GRACE_MS, groupAlive: true, forced: true })).toBe(false);
  });

  it('and not for ever: a zombie member nobody reaps still counts as one', () => {
    expect(keepWaitingForOutput({ elapsedMs: GROUP_DYING_MS - 1, groupAlive: true, forced: false })).toBe(true);
    expect(keepWaitingForOutput({ elapsedMs: GROUP_DYING_MS, groupAlive: true, forced: false })).toBe(false);
  });

  it('stops once the group is gone: only a process that left it can hold the output', () => {
    expect(keepWaitingForOutput({ elapsedMs: OUTPUT_GRACE_MS, groupAlive: false, forced: false })).toBe(false);
  });

  it('the grace stays short next to the pause between two health-check runs', () => {
    expect(OUTPUT_GRACE_MS).toBeGreaterThanOrEqual(100);
    expect(OUTPUT_GRACE_MS).toBeLessThanOrEqual(200);
  });
});

describe('groupAlive', () => {
  it('sees our own process group, and no group for undefined or an unused id', () => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const ownGroup = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    expect(groupAlive(ownGroup)).toBe(true);
    expect(groupAlive(undefined)).toBe(false);
    expect(groupAlive(4_194_000)).toBe(false);
  });
});
