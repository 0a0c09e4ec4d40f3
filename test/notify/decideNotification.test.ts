import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { decideNotification } from '../../src/notify/decideNotification.js';

const target = { processId: 7, name: 'apache2' };
const finished = (outcome: 'success' | 'failure' | 'interrupted'): AgentEvent => ({
  type: 'procedure.finished',
  ...target,
  strategy: 'service',
  outcome,
  attempts: 2,
  reason: 'health check failed after 2 attempts',
});

describe('decideNotification', () => {
  it('notifies a procedure that gave up, with what was tried, why and what to do', () => {
    const n = decideNotification(finished('failure'), 'failures', 300);
    expect(n).toMatchObject({ kind: 'gave-up', processId: 7, processName: 'apache2', why: 'health check failed after 2 attempts' });
    expect(n?.tried).toBe('2 restart attempt(s) with the service strategy');
    expect(n?.next).toContain('monitor_service status');
  });

  it('routine successes only with notify_on = all; interrupted never; none silences everything', () => {
    expect(decideNotification(finished('success'), 'failures', 300)).toBeUndefined();
    expect(decideNotification(finished('success'), 'all', 300)?.kind).toBe('restarted');
    expect(decideNotification(finished('interrupted'), 'all', 300)).toBeUndefined();
    expect(decideNotification(finished('failure'), 'none', 300)).toBeUndefined();
  });

  it('the breaker opening says how to reset it; flapping is its own kind', () => {
    const opened: AgentEvent = { type: 'breaker.opened', ...target, failures: 3, trialAfter: new Date('2030-01-01T00:00:00Z') };
    expect(decideNotification(opened, 'failures', 300)).toMatchObject({ kind: 'breaker-opened' });
    expect(decideNotification(opened, 'failures', 300)?.next).toContain('DELETE FROM monitor_circuit_breaker WHERE process_id = 7;');
    const flapping = decideNotification({ ...opened, flapping: { restarts: 5, windowSeconds: 300 } }, 'failures', 300);
    expect(flapping?.kind).toBe('flapping');
    expect(flapping?.what).toContain('5 restarts in 300 s');
  });

  it('recovery, rejection, and the database back only after db_alert_after', () => {
    expect(decideNotification({ type: 'breaker.closed', ...target }, 'failures', 300)?.kind).toBe('recovered');
    expect(decideNotification({ type: 'alarm.rejected', processId: 9, name: null, reason: 'r', message: 'not registered' }, 'failures', 300)).toMatchObject({
      kind: 'rejected',
      processName: '',
      why: 'not registered',
    });
    expect(decideNotification({ type: 'database.restored', downForMs: 299_000 }, 'failures', 300)).toBeUndefined();
    expect(decideNotification({ type: 'database.restored', downForMs: 301_000 }, 'failures', 300)?.kind).toBe('database-restored');
  });

  it('says nothing about routine events', () => {
    expect(decideNotification({ type: 'poll.finished', alarms: 3, breakersOpen: 0 }, 'all', 300)).toBeUndefined();
    expect(decideNotification({ type: 'alarm.seen', ...target }, 'all', 300)).toBeUndefined();
  });
});
