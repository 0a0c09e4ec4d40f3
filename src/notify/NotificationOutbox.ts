import os from 'node:os';
import { resolveProcessSettings } from '../config/resolveProcessSettings.js';
import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { queueNotification } from '../db/sql/notificationOutbox.js';
import type { AgentEvent } from '../events/AgentEvent.js';
import type { Logger } from '../log/createLogger.js';
import { configuredChannelNames } from './configuredChannels.js';
import { decideNotification } from './decideNotification.js';
import { isMissingTable, MISSING_OUTBOX_MESSAGE } from './isMissingTable.js';

export interface OutboxDependencies {
  config: () => Config;
  db: () => Database;
  log: Logger;
  agentId: string;
  /** The agent's retry-until-it-succeeds for database writes. */
  persist<T>(what: string, operation: () => Promise<T>): Promise<T>;
}

/** Events whose notification is written by the code that records them (queueIn), in the same transaction. */
const RECORDED_WITH_HISTORY = new Set<AgentEvent['type']>(['procedure.finished', 'breaker.opened', 'breaker.closed', 'alarm.rejected']);

/**
 * Writes what a person should hear about into monitor_notification, one row
 * per configured channel; the delivery loop sends them. Restarts never wait for
 * notifications: without the table (setup.sql not re-run) it says so once and
 * writes nothing (the failed INSERT alone is undone, not the history row).
 */
export class NotificationOutbox {
  private missingTableReported = false;

  constructor(private readonly deps: OutboxDependencies) {}

  /** In the caller's transaction, beside the history row these events belong to. */
  async queueIn(tx: Database, events: readonly AgentEvent[]): Promise<void> {
    const config = this.deps.config();
    const channels = configuredChannelNames(config);
    if (channels.length === 0) return;
    for (const event of events) {
      const name = 'name' in event && typeof event.name === 'string' ? event.name : undefined;
      const settings = resolveProcessSettings(config.processDefaults, name === undefined ? {} : config.processes[name]);
      const notification = decideNotification(event, settings.notify_on, config.notify.db_alert_after);
      if (!notification) continue;
      try {
        await queueNotification(tx, channels, notification, this.deps.agentId, os.hostname());
      } catch (error) {
        if (!isMissingTable(error)) throw error;
        this.reportMissingTable();
        return;
      }
    }
  }

  /** The event bus subscriber: events that no history row records (the database back). */
  async handle(event: AgentEvent): Promise<void> {
    if (RECORDED_WITH_HISTORY.has(event.type)) return;
    await this.deps.persist('queue notification', () => this.queueIn(this.deps.db(), [event]));
  }

  reportMissingTable(): void {
    if (this.missingTableReported) return;
    this.missingTableReported = true;
    this.deps.log.warning(MISSING_OUTBOX_MESSAGE);
  }
}
