import { sleep } from '../clock/sleep.js';
import type { DatabaseSettings } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';
import type { Logger } from '../log/createLogger.js';
import { alarmRaisedBy, type StatusRowEvent } from './alarmRaisedBy.js';
import { binlogProblems } from './binlogProblems.js';
import { binlogServerId } from './binlogServerId.js';
import { readBinlogReadiness } from './readBinlogReadiness.js';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;

export interface BinlogWakeOptions {
  settings: DatabaseSettings;
  /** The agent's handle, for the log_bin / binlog_format check before each connection. */
  db: () => Database;
  agentId: string;
  log: Logger;
  /** Seconds between polls, for the fallback message. */
  checkInterval: () => number;
  /** A row event may have raised an alarm, or the stream (re)started after a gap: poll now. */
  onWake: () => void;
}

/** Backoff before retry number `failures` (1, 2, 4 … 60 s). */
export function binlogRetryDelayMs(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * `[monitor] wake = binlog`: follows the server's row events on
 * STATUS_PROCESS and wakes the poll loop when one may have raised an alarm.
 * When the binary log cannot be followed the agent keeps polling: said once
 * (WARNING, with the reason), retried with backoff, said once when it resumes.
 */
export class BinlogWake {
  private readonly stopController = new AbortController();
  private following: Promise<void> | undefined;
  /** undefined: never followed yet; true: following; false: fallen back to polling (said). */
  private healthy: boolean | undefined;

  constructor(private readonly options: BinlogWakeOptions) {}

  start(): void {
    this.following ??= this.follow();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.following;
  }

  private async follow(): Promise<void> {
    const signal = this.stopController.signal;
    let failures = 0;
    while (!signal.aborted) {
      const reason = await this.session(signal, () => (failures = 0)).catch((error: unknown) => describeDbError(error));
      if (signal.aborted) return;
      this.fellBack(reason);
      failures += 1;
      await sleep(binlogRetryDelayMs(failures), signal);
    }
  }

  private fellBack(reason: string): void {
    if (this.healthy === false) {
      this.options.log.debug(`Wake on binlog still unavailable: ${reason}`);
      return;
    }
    this.healthy = false;
    this.options.log.warning(`Wake on binlog unavailable: ${reason}; polling every ${this.options.checkInterval()} s instead, retrying the binlog by itself`);
  }

  private streaming(serverId: number): void {
    const where = `${this.options.settings.database}.STATUS_PROCESS`;
    if (this.healthy === false) this.options.log.info(`Wake on binlog resumed: following row events on ${where} (server_id ${serverId})`);
    else this.options.log.info(`Wake on binlog: following row events on ${where} (server_id ${serverId})`);
    // Writes made while the stream was down were not seen: one poll covers them.
    if (this.healthy === false) this.options.onWake();
    this.healthy = true;
  }

  /** One binlog connection: resolves with why it stopped being usable (or '' when stopped on purpose). */
  private async session(signal: AbortSignal, onStreaming: () => void): Promise<string> {
    const problems = binlogProblems(await readBinlogReadiness(this.options.db(), false));
    if (problems.length > 0) return problems.join('; ');
    if (signal.aborted) return '';
    const { settings } = this.options;
    const serverId = binlogServerId(this.options.agentId);
    // The binlog client is loaded only with wake = binlog, not when the agent starts.
    const { default: ZongJi } = await import('@vlasky/zongji');
    const zongji = new ZongJi({
      ...(settings.socket !== '' ? { socketPath: settings.socket } : { host: settings.host, port: settings.port }),
      user: settings.user,
      password: settings.password,
      connectTimeout: settings.connect_timeout * 1000,
    });
    return new Promise<string>((resolve) => {
      let started = false;
      const end = (reason: string) => {
        signal.removeEventListener('abort', onAbort);
        zongji.removeAllListeners();
        zongji.on('error', () => undefined);
        zongji.stop();
        resolve(reason);
      };
      const onAbort = () => end('');
      signal.addEventListener('abort', onAbort, { once: true });
      zongji.on('error', (error: unknown) => end(describeDbError(error)));
      zongji.on('stopped', () => end('the binlog stream ended'));
      // The server starts every dump with a rotate and a format event: the stream is accepted.
      zongji.on('binlog', (event: { getEventName(): string; rows?: unknown }) => {
        const name = event.getEventName();
        if (!started) {
          started = true;
          onStreaming();
          this.streaming(serverId);
        }
        if (name === 'writerows' || name === 'updaterows') {
          if (alarmRaisedBy({ kind: name, rows: event.rows } as StatusRowEvent)) this.options.onWake();
        }
      });
      zongji.start({
        serverId,
        startAtEnd: true,
        includeEvents: ['rotate', 'format', 'tablemap', 'writerows', 'updaterows'],
        includeSchema: { [settings.database]: ['STATUS_PROCESS'] },
      });
    });
  }
}
