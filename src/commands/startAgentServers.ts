import type { Agent } from '../agent/Agent.js';
import type { Config } from '../config/types.js';
import { findUntrustedPath, runningAsRoot } from '../fs/findUntrustedPath.js';
import type { Logger } from '../log/createLogger.js';
import type { MetricsService } from '../metrics/MetricsService.js';
import type { StatusPageService } from '../web/StatusPageService.js';

/** What the agent serves beside its work: [metrics] and [web], each only when configured. */
export interface AgentServers {
  metrics?: MetricsService;
  web?: StatusPageService;
  /** Stops both; never throws. */
  close(): Promise<void>;
}

/**
 * Binds the configured servers and subscribes the metrics to the agent's
 * events (call before agent.run()). Rejects with HttpListenError when one
 * cannot listen; whatever was already bound is closed first.
 */
export async function startAgentServers(config: Config, agent: Agent, log: Logger, currentConfig: () => Config): Promise<AgentServers> {
  const refuseDirectory = runningAsRoot() ? (dir: string) => findUntrustedPath(dir) : () => undefined;
  // prom-client is loaded only when [metrics] asks for it: the agent without it starts sooner.
  const metricsWanted = config.metrics.listen !== '' || config.metrics.textfile !== '';
  const metrics = metricsWanted
    ? await (await import('../metrics/MetricsService.js')).MetricsService.start(config.metrics, { log, database: () => agent.database, refuseDirectory })
    : undefined;
  if (metrics) agent.events.onAny('metrics', (event) => metrics.handle(event));
  let web: StatusPageService | undefined;
  try {
    // Like the metrics, the status page's code is loaded only when [web] asks for it.
    if (config.web.listen !== '') {
      const { StatusPageService } = await import('../web/StatusPageService.js');
      web = await StatusPageService.start(config, { log, agentId: agent.agentId, database: () => agent.database, config: currentConfig });
    }
  } catch (error) {
    await metrics?.close();
    throw error;
  }
  return {
    metrics,
    web,
    close: async () => {
      await Promise.allSettled([metrics?.close(), web?.close()]);
    },
  };
}

/** [metrics] and [web] are read at start only: a reload that changes them says so. */
export function serversSettingsChanged(current: Config, next: Config): boolean {
  const of = (config: Config) => JSON.stringify([config.metrics, config.web, config.webPassword]);
  return of(current) !== of(next);
}
