import { describe, expect, it } from 'vitest';
import { register as globalRegistry } from 'prom-client';
import { AgentMetrics } from '../../src/metrics/AgentMetrics.js';

/** The sample lines of one metric family, as `name{labels} value`. */
const samples = (text: string, name: string): string[] => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('AgentMetrics', () => {
  it('counts polls, breakers, restarts by process and outcome, and procedure durations from the events', async () => {
    let monotonic = 1000;
    const metrics = new AgentMetrics(
      () => monotonic,
      () => 1_700_000_000_500,
    );
    metrics.handle({ type: 'agent.started', agentId: 'web1', version: '1.2.3' });
    metrics.handle({ type: 'poll.finished', alarms: 3, breakersOpen: 1 });
    metrics.handle({ type: 'procedure.started', processId: 7, name: 'apache2', strategy: 'service', note: '' });
    monotonic += 2500;
    metrics.handle({ type: 'procedure.finished', processId: 7, name: 'apache2', strategy: 'service', outcome: 'failure', attempts: 2, reason: 'x' });
    metrics.handle({ type: 'procedure.finished', processId: 7, name: 'apache2', strategy: 'service', outcome: 'failure', attempts: 2, reason: 'x' });
    metrics.handle({ type: 'procedure.finished', processId: 8, name: 'mysqld', strategy: 'service', outcome: 'success', attempts: 1, reason: 'x' });
    metrics.handle({ type: 'alarm.rejected', processId: 9, name: null, reason: 'r', message: 'm' });
    metrics.setPendingNotifications(4);
    const text = await metrics.text();
    expect(samples(text, 'monitor_service_processes_in_alarm')).toEqual(['monitor_service_processes_in_alarm 3']);
    expect(samples(text, 'monitor_service_breakers_open')).toEqual(['monitor_service_breakers_open 1']);
    expect(samples(text, 'monitor_service_restarts_total')).toEqual([
      'monitor_service_restarts_total{process="apache2",outcome="failure"} 2',
      'monitor_service_restarts_total{process="mysqld",outcome="success"} 1',
    ]);
    // Only the procedure whose start was seen has a duration: 2.5 s, in the 5 s bucket and not the 2 s one.
    expect(text).toContain('monitor_service_restart_duration_seconds_bucket{le="2",outcome="failure"} 0');
    expect(text).toContain('monitor_service_restart_duration_seconds_bucket{le="5",outcome="failure"} 1');
    expect(text).toContain('monitor_service_restart_duration_seconds_sum{outcome="failure"} 2.5');
    expect(samples(text, 'monitor_service_last_successful_poll_timestamp_seconds')).toEqual([
      'monitor_service_last_successful_poll_timestamp_seconds 1700000000',
    ]);
    expect(samples(text, 'monitor_service_database_reachable')).toEqual(['monitor_service_database_reachable 1']);
    expect(samples(text, 'monitor_service_notifications_pending')).toEqual(['monitor_service_notifications_pending 4']);
    expect(samples(text, 'monitor_service_alarms_rejected_total')).toEqual(['monitor_service_alarms_rejected_total 1']);
    expect(samples(text, 'monitor_service_agent_info')).toEqual(['monitor_service_agent_info{agent_id="web1",version="1.2.3"} 1']);
  });

  it('says the database is unreachable between database.lost and database.restored, and an unknown count as NaN', async () => {
    const metrics = new AgentMetrics();
    metrics.handle({ type: 'database.lost', what: 'poll', detail: 'ECONNREFUSED' });
    metrics.setPendingNotifications(undefined);
    let text = await metrics.text();
    expect(samples(text, 'monitor_service_database_reachable')).toEqual(['monitor_service_database_reachable 0']);
    // prom-client writes NaN as "Nan"; Prometheus reads it case-insensitively.
    expect(samples(text, 'monitor_service_notifications_pending')).toEqual(['monitor_service_notifications_pending Nan']);
    metrics.handle({ type: 'database.restored', downForMs: 10 });
    text = await metrics.text();
    expect(samples(text, 'monitor_service_database_reachable')).toEqual(['monitor_service_database_reachable 1']);
  });

  it('keeps a hostile process name inside its label value (escaped), so it cannot forge a sample', async () => {
    const metrics = new AgentMetrics();
    const hostile = 'x"} 1\nmonitor_service_breakers_open 99\n\\';
    metrics.handle({ type: 'procedure.finished', processId: 1, name: hostile, strategy: 'service', outcome: 'success', attempts: 1, reason: '' });
    const text = await metrics.text();
    expect(samples(text, 'monitor_service_restarts_total')).toEqual([
      'monitor_service_restarts_total{process="x\\"} 1\\nmonitor_service_breakers_open 99\\n\\\\",outcome="success"} 1',
    ]);
    expect(samples(text, 'monitor_service_breakers_open')).toEqual(['monitor_service_breakers_open 0']);
  });

  it('uses a registry of its own, never the global one', async () => {
    new AgentMetrics().handle({ type: 'poll.finished', alarms: 1, breakersOpen: 0 });
    expect(await globalRegistry.metrics()).not.toContain('monitor_service_');
  });
});
