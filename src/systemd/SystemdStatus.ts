import type { AgentEvent } from '../events/AgentEvent.js';

/** sd_notify fields, e.g. { READY: '1', STATUS: '3 in alarm, 1 breaker open' }. */
export type NotifyFields = Record<string, string>;

/**
 * Pure: what systemd should be told after each agent event. READY=1 once the
 * agent is at work: after its first poll, or after that poll found the
 * database unreachable (the agent is then retrying, as designed; holding back
 * READY would make `systemctl start` hang, or fail the unit, for as long as
 * the database is down). STATUS= changes only when its text does.
 */
export class SystemdStatus {
  private ready = false;
  private alarms = 0;
  private breakersOpen = 0;
  private databaseDown: string | undefined;
  private lastStatus = '';

  /** The one-line status as it stands (for `systemctl status`). */
  text(): string {
    if (this.databaseDown !== undefined) return `database unreachable, retrying (${this.databaseDown})`;
    return `${this.alarms} in alarm, ${this.breakersOpen} breaker${this.breakersOpen === 1 ? '' : 's'} open`;
  }

  next(event: AgentEvent): NotifyFields | undefined {
    switch (event.type) {
      case 'poll.finished':
        this.alarms = event.alarms;
        this.breakersOpen = event.breakersOpen;
        this.databaseDown = undefined;
        return this.update();
      case 'database.lost':
        this.databaseDown = `${event.what}: ${event.detail}`;
        return this.update();
      case 'database.restored':
        this.databaseDown = undefined;
        return this.update();
      case 'agent.stopping':
        return { STOPPING: '1', STATUS: this.remember(`stopping; ${event.proceduresRunning} restart procedure(s) finishing`) };
      default:
        return undefined;
    }
  }

  /** SIGHUP received: systemd shows the unit reloading until reloaded(). */
  reloading(monotonicMicroseconds: bigint): NotifyFields {
    return { RELOADING: '1', MONOTONIC_USEC: String(monotonicMicroseconds) };
  }

  /** The reload is over; `refusal` says why the new configuration was refused (the old one runs on). */
  reloaded(refusal?: string): NotifyFields {
    const status = refusal === undefined ? this.text() : `configuration reload refused, previous configuration running: ${refusal}`;
    return { READY: '1', STATUS: this.remember(status) };
  }

  private update(): NotifyFields | undefined {
    const fields: NotifyFields = {};
    if (!this.ready) {
      this.ready = true;
      fields.READY = '1';
    }
    const status = this.text();
    if (status !== this.lastStatus) fields.STATUS = this.remember(status);
    return Object.keys(fields).length > 0 ? fields : undefined;
  }

  private remember(status: string): string {
    this.lastStatus = status;
    return status;
  }
}
