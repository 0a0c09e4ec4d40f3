import os from 'node:os';
import { resolveProcessSettings } from '../config/resolveProcessSettings.js';
import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { queueNotification } from '../db/sql/notificationOutbox.js';
import type { AgentEvent } from '../events/AgentEvent.js';
import type { Logger } from '../log/createLogger.js';
import { configuredChannelNames } from './configuredChannels.js';
import { decideNotification } from './decideNotification.js';
import type { Notification } from './Notification.js';
import { outboxUnusable } from './outboxUnusable.js';

export interface OutboxDependencies {
  config: () => Config;
  db: () => Database;
  log: Logger;
  agentId: string;
  /** The agent's retry-until-it-succeeds for database writes. */
  persist<T>(what: string, operation: () => Promise<T>): Promise<T>;
}

/** Events whose notification is written by the code that records them (queueIn), in the same transaction. */
const RECORDED_WITH_HISTORY = new Set<AgentEvent['type']>(['procedure.finished', 'breaker.opened', 'breaker.closed', 'alarm.rejected', 'watch.detected']);

/**
 * Writes what a person should hear about into monitor_notification, one row
 * per configured channel; the delivery loop sends them. Restarts never wait for
 * notifications: without the table (setup.sql not re-run) it says so once and
 * writes nothing (the failed INSERT alone is undone, not the history row).
 */
export class NotificationOutbox {
  private unusableReported = false;

  constructor(private readonly deps: OutboxDependencies) {}

  /** In the caller's transaction, beside the history row these events belong to. */
  async queueIn(tx: Database, events: readonly AgentEvent[]): Promise<void> {
    const { channels, notifications } = this.notificationsOf(events);
    for (const notification of notifications) {
      try {
        await queueNotification(tx, channels, notification, this.deps.agentId, os.hostname());
      } catch (error) {
        const unusable = outboxUnusable(error);
        if (unusable === undefined) throw error;
        this.reportUnusable(unusable);
        return;
      }
    }
  }

  /** The event bus subscriber: events that no history row records (the database back, an agent gone). */
  async handle(event: AgentEvent): Promise<void> {
    if (RECORDED_WITH_HISTORY.has(event.type)) return;
    // Nothing to write is no database operation: persist() would count it as the database answering.
    if (this.notificationsOf([event]).notifications.length === 0) return;
    await this.deps.persist('queue notification', () => this.queueIn(this.deps.db(), [event]));
  }

  /** What the configured channels should hear of these events (none without a channel). */
  private notificationsOf(events: readonly AgentEvent[]): { channels: string[]; notifications: Notification[] } {
    const config = this.deps.config();
    const channels = configuredChannelNames(config);
    if (channels.length === 0) return { channels, notifications: [] };
    const notifications: Notification[] = [];
    for (const event of events) {
      const name = 'name' in event && typeof event.name === 'string' ? event.name : undefined;
      const settings = resolveProcessSettings(config.processDefaults, name === undefined ? {} : config.processes[name]);
      const notification = decideNotification(event, settings.notify_on, config.notify.db_alert_after);
      if (notification) notifications.push(notification);
    }
    return { channels, notifications };
  }

  reportUnusable(message: string): void {
    if (this.unusableReported) return;
    this.unusableReported = true;
    this.deps.log.warning(message);
  }
}
