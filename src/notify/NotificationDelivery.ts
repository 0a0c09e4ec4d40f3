import { sleep } from '../clock/sleep.js';
import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';
import { oldestUnsentAge } from '../db/sql/notificationOutbox.js';
import type { Logger } from '../log/createLogger.js';
import type { Channel } from './channels/Channel.js';
import { configuredChannels } from './configuredChannels.js';
import { deliverChannel } from './deliverChannel.js';
import { outboxUnusable } from './outboxUnusable.js';

/** Longest wait between two rounds; a channel that fails backs off up to this too. */
const MAX_WAIT_MS = 60_000;
const MIN_WAIT_MS = 250;
/** Longest wait between two rounds while the database does not answer (it is back: sent within this). */
const DB_RETRY_MAX_MS = 15_000;

export interface DeliveryDependencies {
  config: () => Config;
  db: () => Database;
  log: Logger;
  agentId: string;
  /** Says once that monitor_notification is missing or not granted. */
  reportUnusable: (message: string) => void;
}

/**
 * The agent's delivery loop, beside the poll (never awaited by it): for each
 * channel, once its oldest unsent notification is digest_window old, sends
 * all of them as one digest. What a killed agent left unsent is still in the
 * table: this loop (here or in another agent) sends it.
 */
export class NotificationDelivery {
  private channels: { config: Config; list: Channel[] } | undefined;
  private readonly backoff = new Map<string, { until: number; delayMs: number; reported: boolean }>();

  constructor(private readonly deps: DeliveryDependencies) {}

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const config = this.deps.config();
      const waitMs = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, (config.notify.digest_window * 1000) / 4));
      for (const channel of this.channelsOf(config)) {
        if (signal.aborted) break;
        await this.round(channel, config, signal);
      }
      await sleep(waitMs, signal);
    }
  }

  private channelsOf(config: Config): Channel[] {
    if (this.channels?.config !== config) this.channels = { config, list: configuredChannels(config) };
    return this.channels.list;
  }

  private async round(channel: Channel, config: Config, signal: AbortSignal): Promise<void> {
    const state = this.backoff.get(channel.name);
    if (state && Date.now() < state.until) return;
    const db = this.deps.db();
    try {
      const age = await oldestUnsentAge(db, channel.name);
      if (age === undefined || age < config.notify.digest_window) return;
      const settings = { digestWindowSeconds: config.notify.digest_window, repeatIntervalSeconds: config.notify.repeat_interval, tries: 3, minRetryMs: 1000 };
      const result = await deliverChannel(db, channel, this.deps.agentId, settings, signal);
      if (result.kind === 'sent') {
        if (state?.reported) this.deps.log.info(`Notifications by ${channel.name} are delivered again`);
        this.backoff.delete(channel.name);
        if (result.notifications > 0) this.deps.log.info(`Sent ${result.notifications} notification(s) by ${channel.name} (${result.detail})`);
        if (result.repeats > 0) this.deps.log.debug(`${result.repeats} repeated notification(s) by ${channel.name} within repeat_interval not sent again`);
      } else if (result.kind === 'failed') {
        this.failed(channel.name, `${result.notifications} notification(s) not delivered by ${channel.name}: ${describeError(result.error)}`);
      }
    } catch (error) {
      const unusable = outboxUnusable(error);
      if (unusable !== undefined) {
        this.deps.reportUnusable(unusable);
        this.backoff.set(channel.name, { until: Date.now() + MAX_WAIT_MS, delayMs: MAX_WAIT_MS, reported: false });
        return;
      }
      // The poll reports database outages; here only a quiet line, and rounds further apart.
      this.deps.log.debug(`notification delivery by ${channel.name}: ${describeDbError(error)}`);
      const delayMs = Math.min(DB_RETRY_MAX_MS, Math.max(1000, (state?.delayMs ?? 500) * 2));
      this.backoff.set(channel.name, { until: Date.now() + delayMs, delayMs, reported: state?.reported ?? false });
    }
  }

  /** First failure of an outage at WARNING, later ones at DEBUG; the next round waits longer each time. */
  private failed(channel: string, line: string): void {
    const previous = this.backoff.get(channel);
    const delayMs = Math.min(MAX_WAIT_MS, (previous?.delayMs ?? 1000) * 2);
    if (previous?.reported) this.deps.log.debug(line);
    else this.deps.log.warning(`${line}; retrying, nothing is lost`);
    this.backoff.set(channel, { until: Date.now() + delayMs, delayMs, reported: true });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
