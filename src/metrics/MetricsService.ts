import type { MetricsSettings } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';
import { countPendingNotifications } from '../db/sql/countPendingNotifications.js';
import type { AgentEvent } from '../events/AgentEvent.js';
import { parseListenAddress } from '../http/listenAddress.js';
import { ReadOnlyServer } from '../http/ReadOnlyServer.js';
import type { Logger } from '../log/createLogger.js';
import { AgentMetrics } from './AgentMetrics.js';
import { TextfileExporter } from './TextfileExporter.js';

export interface MetricsDependencies {
  log: Logger;
  /** The agent's current database handle (it changes when a reload changes [database]). */
  database: () => Database;
  /** Why a directory must not be written to (see findUntrustedPath), or undefined. */
  refuseDirectory: (dir: string) => string | undefined;
}

/**
 * [metrics]: the agent's metrics, served on GET /metrics and/or written to a
 * textfile for node_exporter. A scrape never touches the database: the count
 * of pending notifications is read after each poll, one query at a time.
 */
export class MetricsService {
  readonly metrics = new AgentMetrics();
  private server: ReadOnlyServer | undefined;
  private textfile: TextfileExporter | undefined;
  private counting = false;

  private constructor(private readonly deps: MetricsDependencies) {}

  /** Undefined when [metrics] asks for nothing. Rejects with HttpListenError when listen cannot be bound. */
  static async start(settings: MetricsSettings, deps: MetricsDependencies): Promise<MetricsService | undefined> {
    if (settings.listen === '' && settings.textfile === '') return undefined;
    const service = new MetricsService(deps);
    if (settings.textfile !== '') {
      service.textfile = new TextfileExporter(settings.textfile, () => service.metrics.text(), deps.refuseDirectory, deps.log);
      deps.log.info(`Metrics: writing ${settings.textfile} after each poll`);
    }
    const parsed = parseListenAddress(settings.listen);
    if (settings.listen !== '' && parsed.ok) {
      service.server = await ReadOnlyServer.start({
        section: 'metrics',
        listen: settings.listen,
        address: parsed.address,
        log: deps.log,
        routes: {
          '/metrics': async () => ({ status: 200, headers: { 'Content-Type': service.metrics.contentType }, body: await service.metrics.text() }),
        },
      });
      deps.log.info(`Metrics: serving ${service.server.url}/metrics`);
    }
    return service;
  }

  get url(): string | undefined {
    return this.server?.url;
  }

  handle(event: AgentEvent): void {
    this.metrics.handle(event);
    if (event.type === 'poll.finished') void this.countPending();
    else if (event.type === 'procedure.finished' || event.type === 'database.lost') this.textfile?.update();
  }

  private async countPending(): Promise<void> {
    if (this.counting) return;
    this.counting = true;
    try {
      this.metrics.setPendingNotifications(await countPendingNotifications(this.deps.database()));
    } catch (error) {
      this.metrics.setPendingNotifications(undefined);
      this.deps.log.debug(`Metrics: notifications pending not counted: ${describeDbError(error)}`);
    } finally {
      this.counting = false;
      this.textfile?.update();
    }
  }

  /** Stops serving and writing; every step runs even if one fails. */
  async close(): Promise<void> {
    await Promise.allSettled([this.server?.close(), this.textfile?.close()]);
  }
}
