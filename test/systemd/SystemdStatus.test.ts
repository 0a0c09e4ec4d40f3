import { describe, expect, it } from 'vitest';
import { SystemdStatus } from '../../src/systemd/SystemdStatus.js';

describe('SystemdStatus', () => {
  it('READY=1 with the first poll, then STATUS only when it changes', () => {
    const status = new SystemdStatus();
    expect(status.next({ type: 'agent.started', agentId: 'a', version: '1' })).toBeUndefined();
    expect(status.next({ type: 'poll.finished', alarms: 3, breakersOpen: 1 })).toEqual({ READY: '1', STATUS: '3 in alarm, 1 breaker open' });
    expect(status.next({ type: 'poll.finished', alarms: 3, breakersOpen: 1 })).toBeUndefined();
    expect(status.next({ type: 'poll.finished', alarms: 0, breakersOpen: 0 })).toEqual({ STATUS: '0 in alarm, 0 breakers open' });
  });

  it('a database unreachable at start still makes the agent ready (it is retrying), and says so', () => {
    const status = new SystemdStatus();
    expect(status.next({ type: 'database.lost', what: 'register agent', detail: 'connect ECONNREFUSED' })).toEqual({
      READY: '1',
      STATUS: 'database unreachable, retrying (register agent: connect ECONNREFUSED)',
    });
    expect(status.next({ type: 'database.restored', downForMs: 5000 })).toEqual({ STATUS: '0 in alarm, 0 breakers open' });
  });

  it('reload: RELOADING=1 with the monotonic time, then READY=1 with the status or the refusal', () => {
    const status = new SystemdStatus();
    status.next({ type: 'poll.finished', alarms: 2, breakersOpen: 0 });
    expect(status.reloading(123456789n)).toEqual({ RELOADING: '1', MONOTONIC_USEC: '123456789' });
    expect(status.reloaded()).toEqual({ READY: '1', STATUS: '2 in alarm, 0 breakers open' });
    expect(status.reloaded('[monitor] check_interval = soon')).toEqual({
      READY: '1',
      STATUS: 'configuration reload refused, previous configuration running: [monitor] check_interval = soon',
    });
    // The next poll puts the count back.
    expect(status.next({ type: 'poll.finished', alarms: 2, breakersOpen: 0 })).toEqual({ STATUS: '2 in alarm, 0 breakers open' });
  });

  it('STOPPING=1 when the agent stops', () => {
    expect(new SystemdStatus().next({ type: 'agent.stopping', agentId: 'a', proceduresRunning: 2 })).toEqual({
      STOPPING: '1',
      STATUS: 'stopping; 2 restart procedure(s) finishing',
    });
  });
});
