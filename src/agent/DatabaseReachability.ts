import type { EventBus } from '../events/EventBus.js';

/**
 * Turns the outcome of each database operation into the agent-wide events
 * `database.lost` (first failure while reachable) and `database.restored`
 * (first success after that), however many operations fail in between.
 */
export class DatabaseReachability {
  private downSince: number | undefined;

  constructor(
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  failed(what: string, detail: string): void {
    if (this.downSince !== undefined) return;
    this.downSince = this.now();
    this.events.emit({ type: 'database.lost', what, detail });
  }

  succeeded(): void {
    if (this.downSince === undefined) return;
    const downForMs = this.now() - this.downSince;
    this.downSince = undefined;
    this.events.emit({ type: 'database.restored', downForMs });
  }
}
