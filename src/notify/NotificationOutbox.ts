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

/**
 * Writes what a person should hear about into monitor_notification, one row
 * per configured channel, retried like the history rows; the delivery loop
 * sends them. Without the table (setup.sql not re-run) it says so once and
 * drops them: restarts never wait for notifications.
 */
export class NotificationOutbox {
  private missingTableReported = false;

  constructor(private readonly deps: OutboxDependencies) {}

  async handle(event: AgentEvent): Promise<void> {
    const config = this.deps.config();
    const channels = configuredChannelNames(config);
    if (channels.length === 0) return;
    const name = 'name' in event && typeof event.name === 'string' ? event.name : undefined;
    const settings = resolveProcessSettings(config.processDefaults, name === undefined ? {} : config.processes[name]);
    const notification = decideNotification(event, settings.notify_on, config.notify.db_alert_after);
    if (!notification) return;
    await this.deps.persist('queue notification', async () => {
      try {
        await queueNotification(this.deps.db(), channels, notification, this.deps.agentId, os.hostname());
      } catch (error) {
        if (!isMissingTable(error)) throw error;
        this.reportMissingTable();
      }
    });
  }

  reportMissingTable(): void {
    if (this.missingTableReported) return;
    this.missingTableReported = true;
    this.deps.log.warning(MISSING_OUTBOX_MESSAGE);
  }
}
