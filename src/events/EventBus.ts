import type { Logger } from '../log/createLogger.js';
import type { AgentEvent, AgentEventOf, AgentEventType } from './AgentEvent.js';

/** A subscriber may be async; its promise is never awaited by the agent. */
export type Subscriber<E> = (event: E) => void | Promise<void>;

interface Subscription {
  name: string;
  type: AgentEventType | '*';
  handle: Subscriber<AgentEvent>;
  failed: boolean;
}

/**
 * Delivers the agent's events to subscribers, in subscription order and in
 * the order they are emitted. A subscriber can neither block nor break a
 * restart: emit() returns at once, a thrown error or a rejected promise is
 * caught, and each subscriber's first failure is logged (later ones at DEBUG,
 * so a broken webhook cannot flood the log).
 */
export class EventBus {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly log: Logger) {}

  /** `name` says who failed in the log line ("event subscriber metrics failed: …"). */
  on<T extends AgentEventType>(type: T, name: string, handle: Subscriber<AgentEventOf<T>>): () => void {
    return this.add({ name, type, handle: handle as Subscriber<AgentEvent>, failed: false });
  }

  /** Every event, for subscribers that switch on `event.type`. */
  onAny(name: string, handle: Subscriber<AgentEvent>): () => void {
    return this.add({ name, type: '*', handle, failed: false });
  }

  emit(event: AgentEvent): void {
    for (const subscription of this.subscriptions) {
      if (subscription.type !== '*' && subscription.type !== event.type) continue;
      try {
        const pending: unknown = subscription.handle(event);
        // Only a promise is watched: a subscriber may return anything else (a logger returns itself).
        if (pending instanceof Promise) pending.catch((error: unknown) => this.reportFailure(subscription, event, error));
      } catch (error) {
        this.reportFailure(subscription, event, error);
      }
    }
  }

  private add(subscription: Subscription): () => void {
    this.subscriptions.push(subscription);
    return () => {
      const at = this.subscriptions.indexOf(subscription);
      if (at >= 0) this.subscriptions.splice(at, 1);
    };
  }

  private reportFailure(subscription: Subscription, event: AgentEvent, error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    const line = `Event subscriber ${subscription.name} failed on ${event.type}: ${detail}`;
    try {
      if (subscription.failed) this.log.debug(line);
      else this.log.warning(`${line} (further failures of this subscriber are logged at DEBUG)`);
    } catch {
      // The logger itself failing must not reach the restart either.
    }
    subscription.failed = true;
  }
}
