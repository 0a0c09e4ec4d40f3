import { describe, expect, it } from 'vitest';
import { ManagerLoopTracker } from '../../../src/restart/strategies/ManagerLoopTracker.js';
import { runningPid } from '../../../src/restart/strategies/supervisorStrategy.js';

describe('ManagerLoopTracker', () => {
  it('counts each new process after the first as a restart by the manager', () => {
    const loop = new ManagerLoopTracker();
    loop.sawProcess(10);
    loop.sawProcess(10);
    expect(loop.restarts()).toBe(0);
    loop.sawProcess(11);
    loop.sawProcess(12);
    expect(loop.restarts()).toBe(2);
    expect(loop.describeLoop()).toBe('3 processes seen since the restart: it keeps exiting');
  });

  it('counts a BACKOFF spell once, and another after the program ran again', () => {
    const loop = new ManagerLoopTracker();
    loop.sawBackoff();
    loop.sawBackoff();
    expect(loop.restarts()).toBe(1);
    loop.sawProcess(20);
    loop.sawBackoff();
    expect(loop.restarts()).toBe(2);
  });

  it('after a healthy process, another one means it died and was restarted', () => {
    const loop = new ManagerLoopTracker();
    loop.sawProcess(30);
    expect(loop.replacedBy(30, 'svscan')).toBeUndefined();
    loop.healthy(30);
    expect(loop.replacedBy(30, 'svscan')).toBeUndefined();
    loop.sawProcess(31);
    expect(loop.replacedBy(31, 'svscan')).toBe('PID 30 exited and svscan started PID 31: 2 processes seen since the restart: it keeps exiting');
  });

  it('starts over at each restart command', () => {
    const loop = new ManagerLoopTracker();
    loop.sawProcess(1);
    loop.sawProcess(2);
    loop.healthy(2);
    loop.reset();
    expect(loop.restarts()).toBe(0);
    expect(loop.replacedBy(3, 'runsv')).toBeUndefined();
  });
});

describe('runningPid', () => {
  it("reads the PID of a RUNNING program from supervisorctl's description", () => {
    expect(runningPid({ kind: 'state', state: 'RUNNING', description: 'pid 4242, uptime 0:00:07' })).toBe(4242);
    expect(runningPid({ kind: 'state', state: 'BACKOFF', description: 'Exited too quickly (process log may have details)' })).toBeUndefined();
    expect(runningPid({ kind: 'state', state: 'RUNNING', description: '' })).toBeUndefined();
    expect(runningPid({ kind: 'unreachable', said: 'no socket' })).toBeUndefined();
  });
});
