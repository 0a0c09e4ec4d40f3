import type { Logger } from '../log/createLogger.js';
import type { SystemdReporter } from '../systemd/SystemdReporter.js';
import type { AgentEvent } from './AgentEvent.js';
import type { Subscriber } from './EventBus.js';
import { logEvent } from './logEvents.js';

export interface NamedSubscriber {
  /** Names the subscriber in the line logged if it fails. */
  name: string;
  handle: Subscriber<AgentEvent>;
}

/** What the listeners need; each is optional but the log. */
export interface SubscriberDependencies {
  log: Logger;
  /** Present when systemd started the agent with Type=notify. */
  systemd?: SystemdReporter;
}

/**
 * Everything that listens to a running agent, in delivery order. A new
 * listener (a notification channel, metrics, the status page) is one more
 * entry here; it sees every event and switches on `event.type`.
 */
export function agentSubscribers(deps: SubscriberDependencies): NamedSubscriber[] {
  const subscribers: NamedSubscriber[] = [{ name: 'log', handle: (event) => logEvent(deps.log, event) }];
  const { systemd } = deps;
  if (systemd) subscribers.push({ name: 'systemd', handle: (event) => systemd.handle(event) });
  return subscribers;
}
