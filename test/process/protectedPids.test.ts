import { describe, expect, it } from 'vitest';
import { protectedPids } from '../../src/process/protectedPids.js';
import { protectedInstance } from '../../src/restart/strategies/protectedInstance.js';

// A process tree: 1 → 200 (sshd) → 300 (sh) → 400 (the agent).
const parents = new Map([
  [400, 300],
  [300, 200],
  [200, 1],
  [1, 0],
]);
const parentOf = (pid: number) => parents.get(pid);

describe('protectedPids', () => {
  it('holds PID 1, the agent and every parent up the chain', () => {
    const guard = protectedPids(400, parentOf, undefined);
    expect([...guard.keys()].sort((a, b) => a - b)).toEqual([1, 200, 300, 400]);
    expect(guard.get(1)).toBe('PID 1 (the init system)');
    expect(guard.get(400)).toBe('the agent itself');
    expect(guard.get(300)).toBe("one of the agent's parent processes");
  });

  it("holds the main process of the agent's unit", () => {
    expect(protectedPids(400, parentOf, 250).get(250)).toBe("the main process of the agent's own systemd unit");
  });

  it('stops at a parent it cannot read, and at a loop', () => {
    expect([...protectedPids(400, (pid) => (pid === 400 ? 300 : undefined), undefined).keys()].sort()).toEqual([1, 300, 400]);
    expect([...protectedPids(400, (pid) => (pid === 400 ? 300 : 400), undefined).keys()].sort()).toEqual([1, 300, 400]);
  });

  it('leaves every other process alone', () => {
    const guard = protectedPids(400, parentOf, undefined);
    for (const pid of [2, 199, 401, 500]) expect(guard.has(pid)).toBe(false);
  });
});

describe('protectedInstance', () => {
  const guard = protectedPids(400, parentOf, undefined);

  it('refuses a name one of whose instances is protected, saying which and why', () => {
    expect(protectedInstance('sshd', [900, 200], guard)).toBe(
      "a running sshd (PID 200) is one of the agent's parent processes; the agent never signals it, so it does not restart sshd with the process strategy",
    );
    expect(protectedInstance('systemd', [1], guard)).toMatch(/PID 1 \(the init system\)/);
  });

  it('accepts a name whose instances are all ordinary processes', () => {
    expect(protectedInstance('worker', [900, 901], guard)).toBeUndefined();
    expect(protectedInstance('worker', [], guard)).toBeUndefined();
  });
});
