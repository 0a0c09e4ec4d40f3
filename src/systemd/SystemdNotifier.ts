import { loadExeca } from '../exec/loadExeca.js';
import type { Logger } from '../log/createLogger.js';
import type { NotifyFields } from './SystemdStatus.js';

/** A notification that takes longer than this is abandoned (systemd answers in milliseconds). */
const SEND_TIMEOUT_MS = 5000;

/** Pure: the systemd-notify arguments for `fields`, sent on behalf of `pid` (values on one line). */
export function notifyArguments(pid: number, fields: NotifyFields): string[] {
  return [`--pid=${pid}`, ...Object.entries(fields).map(([key, value]) => `${key}=${value.replace(/[\r\n]+/g, ' ')}`)];
}

/** Pure: how often to ping systemd's watchdog (half its timeout, as sd_watchdog_enabled(3) advises), or undefined. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv, pid: number): number | undefined {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return undefined;
  if (env.WATCHDOG_PID !== undefined && Number(env.WATCHDOG_PID) !== pid) return undefined;
  return Math.max(1, Math.floor(usec / 2000));
}

/**
 * Talks to systemd through NOTIFY_SOCKET (Type=notify). Node cannot send unix
 * datagrams itself, so each notification runs systemd-notify, naming the
 * agent's pid (root may): systemd takes it from the main process. Sends are
 * queued in order and never awaited by the agent; a failure is logged once.
 */
export class SystemdNotifier {
  private queue: Promise<void> = Promise.resolve();
  private failed = false;
  private watchdog: NodeJS.Timeout | undefined;

  private constructor(
    private readonly log: Logger,
    private readonly pid: number,
  ) {}

  /** Undefined when not started by systemd with Type=notify: then nothing changes. */
  static fromEnvironment(log: Logger, env: NodeJS.ProcessEnv = process.env, pid: number = process.pid): SystemdNotifier | undefined {
    if (!env.NOTIFY_SOCKET) return undefined;
    const notifier = new SystemdNotifier(log, pid);
    const interval = watchdogIntervalMs(env, pid);
    if (interval !== undefined) {
      // On the event loop on purpose: a loop stuck for WatchdogSec stops the pings, and systemd restarts the agent.
      notifier.watchdog = setInterval(() => notifier.send({ WATCHDOG: '1' }), interval);
      notifier.watchdog.unref();
    }
    return notifier;
  }

  send(fields: NotifyFields): void {
    this.queue = this.queue.then(() => this.deliver(fields));
  }

  /** Stops the watchdog pings and waits for what was queued. */
  async close(): Promise<void> {
    clearInterval(this.watchdog);
    await this.queue;
  }

  private async deliver(fields: NotifyFields): Promise<void> {
    const { execa } = await loadExeca();
    const result = await execa('systemd-notify', notifyArguments(this.pid, fields), { reject: false, timeout: SEND_TIMEOUT_MS, stdin: 'ignore' });
    if (!result.failed) return;
    const line = `systemd notification ${Object.keys(fields).join(',')} not sent: ${result.stderr.trim() || result.shortMessage}`;
    if (this.failed) this.log.debug(line);
    else this.log.warning(`${line} (further failures are logged at DEBUG)`);
    this.failed = true;
  }
}
