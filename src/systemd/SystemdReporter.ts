import type { AgentEvent } from '../events/AgentEvent.js';
import type { SystemdNotifier } from './SystemdNotifier.js';
import { SystemdStatus } from './SystemdStatus.js';

/** The agent's events and reloads, told to systemd: READY, STATUS, RELOADING, STOPPING. */
export class SystemdReporter {
  private readonly status = new SystemdStatus();

  constructor(private readonly notifier: SystemdNotifier) {}

  handle(event: AgentEvent): void {
    const fields = this.status.next(event);
    if (fields) this.notifier.send(fields);
  }

  reloading(): void {
    this.notifier.send(this.status.reloading(process.hrtime.bigint() / 1000n));
  }

  reloaded(refusal?: string): void {
    this.notifier.send(this.status.reloaded(refusal));
  }

  close(): Promise<void> {
    return this.notifier.close();
  }
}
