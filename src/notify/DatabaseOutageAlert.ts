import os from 'node:os';
import pRetry from 'p-retry';
import type { Config } from '../config/types.js';
import type { OutboxRow } from '../db/sql/notificationOutbox.js';
import type { AgentEvent } from '../events/AgentEvent.js';
import type { Logger } from '../log/createLogger.js';
import { composeDigest } from './composeDigest.js';
import { configuredChannels } from './configuredChannels.js';
import { databaseUnreachableNotification } from './decideNotification.js';

export interface OutageAlertDependencies {
  config: () => Config;
  log: Logger;
  /** Ends the retries when the agent stops. */
  stopping: AbortSignal;
}

/**
 * The one notification that cannot go through the outbox: the database is
 * down. Once it has been unreachable for db_alert_after seconds, the alert is
 * sent from memory straight to every channel, retried with backoff until it
 * goes out, the database comes back, or the agent stops. Its return is then
 * notified through the outbox as usual (decideNotification). With several
 * agents, each one that lost the database says so for its host.
 */
export class DatabaseOutageAlert {
  private outage: { timer: NodeJS.Timeout; sending: AbortController } | undefined;

  constructor(private readonly deps: OutageAlertDependencies) {}

  handle(event: AgentEvent): void {
    if (event.type === 'database.lost') this.start(event.what, event.detail);
    else if (event.type === 'database.restored') this.end();
    else if (event.type === 'agent.stopping') this.end();
  }

  private start(what: string, detail: string): void {
    const config = this.deps.config();
    if (this.outage || configuredChannels(config).length === 0 || config.processDefaults.notify_on === 'none') return;
    this.deps.log.debug(`The database is unreachable: a person is alerted if it lasts ${config.notify.db_alert_after} s`);
    const lostAt = new Date();
    const sending = new AbortController();
    const timer = setTimeout(() => void this.send(lostAt, what, detail, sending.signal), config.notify.db_alert_after * 1000);
    timer.unref();
    this.outage = { timer, sending };
  }

  private end(): void {
    if (!this.outage) return;
    clearTimeout(this.outage.timer);
    this.outage.sending.abort();
    this.outage = undefined;
  }

  private async send(lostAt: Date, what: string, detail: string, outageOver: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([outageOver, this.deps.stopping]);
    const notification = databaseUnreachableNotification(what, detail, Date.now() - lostAt.getTime());
    const row: OutboxRow = {
      id: 0,
      channel: '',
      kind: notification.kind,
      process_id: null,
      process_name: '',
      hostname: os.hostname(),
      body: JSON.stringify({ what: notification.what, tried: notification.tried, why: notification.why, next: notification.next }),
      created_at: lostAt,
    };
    const digest = composeDigest([row]);
    for (const channel of configuredChannels(this.deps.config())) {
      try {
        const result = await pRetry(() => channel.send(digest), { retries: 1000, minTimeout: 1000, maxTimeout: 60_000, factor: 2, signal });
        this.deps.log.info(`Sent the database outage alert by ${channel.name} (${result})`);
      } catch (error) {
        if (signal.aborted) return;
        this.deps.log.warning(`The database outage alert was not delivered by ${channel.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
