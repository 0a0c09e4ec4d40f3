import type { Config } from '../config/types.js';
import type { Logger } from '../log/createLogger.js';
import type { AgentEvent } from './AgentEvent.js';
import type { Subscriber } from './EventBus.js';
import { logEvent } from './logEvents.js';

export interface NamedSubscriber {
  /** Names the subscriber in the line logged if it fails. */
  name: string;
  handle: Subscriber<AgentEvent>;
}

/**
 * Everything that listens to a running agent, in delivery order. A new
 * listener (a notification channel, metrics, the status page) is one more
 * entry here; it sees every event and switches on `event.type`.
 */
export function agentSubscribers(_config: Config, log: Logger): NamedSubscriber[] {
  return [{ name: 'log', handle: (event) => logEvent(log, event) }];
}
