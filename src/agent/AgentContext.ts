import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import type { AgentEvent } from '../events/AgentEvent.js';
import type { EventBus } from '../events/EventBus.js';
import type { Logger } from '../log/createLogger.js';

/** What a procedure needs from the running agent. */
export interface AgentContext {
  config: Config;
  db: Database;
  log: Logger;
  agentId: string;
  /** What happened, for the log and other subscribers; emitting never blocks. */
  events: EventBus;
  /** Set when shutdown begins: no new attempt, no new procedure. */
  draining: AbortSignal;
  /** Set when the grace period is over: kill what still runs. */
  hardStop: AbortSignal;
  /** Runs a database write until it succeeds (or hardStop). */
  persist<T>(what: string, operation: () => Promise<T>): Promise<T>;
  /** Queues the notifications these events call for, in the caller's transaction (`tx`). */
  queueNotifications(tx: Database, events: readonly AgentEvent[]): Promise<void>;
}
