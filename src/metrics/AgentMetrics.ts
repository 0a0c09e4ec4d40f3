import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AgentEvent } from '../events/AgentEvent.js';

/** Seconds: restart procedures take from about a second (a unit restart) to minutes (retries, stable_time). */
const DURATION_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

/**
 * The agent's metrics, in a private registry (never prom-client's global one:
 * a library that registers there cannot collide with ours). Fed by the agent's
 * events; `now` is a monotonic clock in milliseconds for durations, `wallClock`
 * the time printed as last_successful_poll.
 */
export class AgentMetrics {
  readonly registry = new Registry();
  private readonly inAlarm = new Gauge({
    name: 'monitor_service_processes_in_alarm',
    help: 'Rows of STATUS_PROCESS with alarma = 1 at the last poll',
    registers: [this.registry],
  });
  private readonly breakersOpen = new Gauge({
    name: 'monitor_service_breakers_open',
    help: 'Processes in alarm whose circuit breaker was open at the last poll (no restart until the next trial)',
    registers: [this.registry],
  });
  private readonly restarts = new Counter({
    name: 'monitor_service_restarts_total',
    help: 'Restart procedures finished by this agent, by process name and outcome (success, failure, interrupted)',
    labelNames: ['process', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'monitor_service_restart_duration_seconds',
    help: 'Duration of restart procedures (all attempts and health checks), by outcome',
    labelNames: ['outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly rejected = new Counter({
    name: 'monitor_service_alarms_rejected_total',
    help: 'Alarms the agent refused to act on (invalid name, no PROCESE row, ambiguous id…); each is logged with its reason',
    registers: [this.registry],
  });
  private readonly lastPoll = new Gauge({
    name: 'monitor_service_last_successful_poll_timestamp_seconds',
    help: 'Unix time of the last poll of STATUS_PROCESS that the database answered (0 = none yet)',
    registers: [this.registry],
  });
  private readonly databaseUp = new Gauge({
    name: 'monitor_service_database_reachable',
    help: '1 when the last database operation succeeded, 0 when it failed (or before the first one)',
    registers: [this.registry],
  });
  private readonly pending = new Gauge({
    name: 'monitor_service_notifications_pending',
    help: 'Notifications queued in monitor_notification and not sent yet (NaN when the database could not say)',
    registers: [this.registry],
  });
  private readonly info = new Gauge({
    name: 'monitor_service_agent_info',
    help: 'Always 1: the agent_id and version of this agent',
    labelNames: ['agent_id', 'version'] as const,
    registers: [this.registry],
  });
  /** Monotonic start time of each running procedure, by process id. */
  private readonly started = new Map<number, number>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly wallClock: () => number = () => Date.now(),
  ) {
    this.pending.set(Number.NaN);
  }

  handle(event: AgentEvent): void {
    switch (event.type) {
      case 'agent.started':
        this.info.reset();
        this.info.set({ agent_id: event.agentId, version: event.version }, 1);
        this.databaseUp.set(1);
        return;
      case 'poll.finished':
        this.inAlarm.set(event.alarms);
        this.breakersOpen.set(event.breakersOpen);
        this.lastPoll.set(Math.floor(this.wallClock() / 1000));
        this.databaseUp.set(1);
        return;
      case 'procedure.started':
        this.started.set(event.processId, this.now());
        return;
      case 'procedure.finished': {
        this.restarts.inc({ process: event.name, outcome: event.outcome });
        const startedAt = this.started.get(event.processId);
        this.started.delete(event.processId);
        if (startedAt !== undefined) this.duration.observe({ outcome: event.outcome }, (this.now() - startedAt) / 1000);
        return;
      }
      case 'alarm.rejected':
        this.rejected.inc();
        return;
      case 'database.lost':
        this.databaseUp.set(0);
        return;
      case 'database.restored':
        this.databaseUp.set(1);
        return;
      default:
        return;
    }
  }

  /** What the last look at monitor_notification found; undefined = it failed. */
  setPendingNotifications(count: number | undefined): void {
    this.pending.set(count ?? Number.NaN);
  }

  /** The Prometheus text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
