import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { databaseUnreachableNotification, decideNotification } from '../../src/notify/decideNotification.js';

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
    const flapping = decideNotification({ ...opened, flapping: { restarts: 5, windowSeconds: 300, byManager: 0 } }, 'failures', 300);
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

  it('a failure a watch saw is notified only where nothing will act on it', () => {
    const detected = (raised: boolean, notRaised: 'no-status-row' | 'in-alarm' | 'breaker-open' | 'changed' | null, why: string): AgentEvent => ({
      type: 'watch.detected',
      ...target,
      watch: 'log',
      evidence: 'line in /var/log/apache2.log matches /FATAL/: FATAL',
      raised,
      notRaised,
      why,
    });
    // Raised: the restart's outcome is what is notified. In alarm: being handled. Breaker open: said when it opened.
    expect(decideNotification(detected(true, null, ''), 'all', 300)).toBeUndefined();
    expect(decideNotification(detected(false, 'in-alarm', 'already in alarm (alarma = 1)'), 'all', 300)).toBeUndefined();
    expect(decideNotification(detected(false, 'breaker-open', 'circuit breaker open after 3 failures'), 'all', 300)).toBeUndefined();
    expect(decideNotification(detected(false, 'changed', 'the row changed meanwhile'), 'all', 300)).toBeUndefined();

    const noRow = decideNotification(detected(false, 'no-status-row', 'no STATUS_PROCESS row for this process ID'), 'failures', 300);
    expect(noRow).toMatchObject({ kind: 'detected-not-raised', processId: 7, processName: 'apache2' });
    expect(noRow?.what).toBe('the log watch saw apache2 fail, but no alarm could be raised: nothing will restart it');
    expect(noRow?.why).toBe('line in /var/log/apache2.log matches /FATAL/: FATAL; no STATUS_PROCESS row for this process ID');
    expect(noRow?.next).toContain('STATUS_PROCESS row of process ID 7');
    expect(decideNotification(detected(false, 'no-status-row', 'no row'), 'none', 300)).toBeUndefined();

    const unregistered: AgentEvent = { type: 'watch.unregistered', name: 'ghost', watch: 'tcp', evidence: '127.0.0.1:1: connect ECONNREFUSED' };
    expect(decideNotification(unregistered, 'failures', 300)).toMatchObject({
      kind: 'detected-unregistered',
      processId: null,
      processName: 'ghost',
      what: 'the tcp watch saw ghost fail, but ghost has no row in PROCESE: nothing will restart it',
      why: '127.0.0.1:1: connect ECONNREFUSED',
    });
    expect(decideNotification(unregistered, 'none', 300)).toBeUndefined();
  });

  it('an agent that stopped without a goodbye: who noticed, and where to look', () => {
    const event = (noticedBy: string): AgentEvent => ({
      type: 'agent.vanished',
      agentId: 'web1',
      hostname: 'host1',
      lastSeen: new Date('2030-01-01T00:00:00Z'),
      noticedBy,
    });
    const itself = decideNotification(event('itself'), 'failures', 300);
    expect(itself).toMatchObject({ kind: 'agent-vanished', processId: null, tried: 'nothing: noticed by the agent at its next start' });
    expect(itself?.what).toBe('agent web1 on host1 stopped without saying goodbye (last heard from 2030-01-01T00:00:00.000Z)');
    expect(itself?.next).toContain('journalctl -u monitor_service');
    const other = decideNotification(event('web2'), 'failures', 300);
    expect(other?.tried).toBe('nothing: noticed by agent web2');
    expect(other?.next).toContain('systemctl status monitor_service');
    expect(decideNotification(event('web2'), 'none', 300)).toBeUndefined();
  });

  it('the database unreachable: how long, what failed, what to check', () => {
    const n = databaseUnreachableNotification('poll STATUS_PROCESS', 'connect ECONNREFUSED', 301_400);
    expect(n).toMatchObject({ kind: 'database-unreachable', processId: null });
    expect(n.what).toBe('the database has been unreachable for 301 s: no alarm can be read or cleared');
    expect(n.why).toBe('poll STATUS_PROCESS failed: connect ECONNREFUSED');
  });

  it('says nothing about routine events', () => {
    expect(decideNotification({ type: 'poll.finished', alarms: 3, breakersOpen: 0 }, 'all', 300)).toBeUndefined();
    expect(decideNotification({ type: 'alarm.seen', ...target }, 'all', 300)).toBeUndefined();
  });
});
