import { describe, expect, it } from 'vitest';
import { notifyArguments, watchdogIntervalMs } from '../../src/systemd/SystemdNotifier.js';

describe('notifyArguments', () => {
  it('names the agent pid and keeps each value on one line', () => {
    expect(notifyArguments(42, { READY: '1', STATUS: 'a\nb' })).toEqual(['--pid=42', 'READY=1', 'STATUS=a b']);
  });
});

describe('watchdogIntervalMs', () => {
  it('pings at half the watchdog timeout', () => {
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' }, 7)).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '7' }, 7)).toBe(15_000);
  });
  it('no watchdog when unset, invalid, or meant for another process', () => {
    expect(watchdogIntervalMs({}, 7)).toBeUndefined();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: 'x' }, 7)).toBeUndefined();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '0' }, 7)).toBeUndefined();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '8' }, 7)).toBeUndefined();
  });
});
