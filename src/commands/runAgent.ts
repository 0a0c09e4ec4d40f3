import { loadExeca } from '../exec/loadExeca.js';
import { Agent, databaseSettingsChanged, openAgentDatabase } from '../agent/Agent.js';
import { ConfigError } from '../config/ConfigError.js';
import { loadConfig } from '../config/loadConfig.js';
import { createLogger } from '../log/createLogger.js';
import { agentSubscribers } from '../events/subscribers.js';
import { messages } from '../log/messages.js';
import { SystemdNotifier } from '../systemd/SystemdNotifier.js';
import { SystemdReporter } from '../systemd/SystemdReporter.js';
import { VERSION } from '../version.js';
import { checkLogDirectory } from './checkLogDirectory.js';
import { checkMetricsTextfile } from './checkMetricsTextfile.js';
import { HttpListenError } from '../http/HttpListenError.js';
import { closeDatabase } from '../db/Database.js';
import { serversSettingsChanged, startAgentServers, type AgentServers } from './startAgentServers.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from './exitCodes.js';
import { loadConfigOrExplain } from './loadConfigOrExplain.js';

export interface RunOptions {
  configFile: string;
  once: boolean;
}

/**
 * Runs the agent until SIGTERM/SIGINT (or one cycle with --once) and returns
 * the exit status. Signals: the first drains, a second exits at once; SIGHUP
 * reloads config.ini, keeping the old settings if the new ones are invalid.
 */
export async function runAgent(options: RunOptions): Promise<number> {
  const config = loadConfigOrExplain('monitor_service', options.configFile);
  if (!config) return EXIT_CONFIG;
  const logProblem = checkLogDirectory(config.logging.log_file) ?? checkMetricsTextfile(config.metrics.textfile);
  if (logProblem) {
    process.stderr.write(`monitor_service: ${logProblem}\n`);
    return EXIT_CONFIG;
  }

  const log = createLogger(config.logging, { console: true });
  log.info(messages.serviceStart());
  log.info(`monitor_service ${VERSION}, configuration ${config.file}, check_interval ${config.monitor.check_interval}s`);
  for (const warning of config.warnings) log.warning(`Configuration: ${warning}`);

  const notifier = SystemdNotifier.fromEnvironment(log);
  const systemd = notifier ? new SystemdReporter(notifier) : undefined;
  let running = config;
  const agent = new Agent(config, openAgentDatabase(config.database, config.monitor.max_parallel_restarts), log, {
    version: VERSION,
    subscribers: agentSubscribers({ log, systemd }),
  });
  // execa is not needed to start (loadExeca): loaded once the first poll is done, before the first restart needs it.
  const stopWarmUp = agent.events.onAny('warm-up', (event) => {
    if (event.type !== 'poll.finished') return;
    stopWarmUp();
    void loadExeca();
  });
  // --once serves nothing and writes no textfile: it may run beside the agent, which does.
  let servers: AgentServers | undefined;
  if (!options.once) {
    try {
      servers = await startAgentServers(config, agent, log, () => running);
    } catch (error) {
      if (!(error instanceof HttpListenError)) throw error;
      log.error(error.message);
      await closeDatabase(agent.database);
      await systemd?.close();
      await log.close();
      return error.isConfigProblem ? EXIT_CONFIG : EXIT_FAILURE;
    }
  }
  let signalsSeen = 0;
  let exitNow: ((code: number) => void) | undefined;
  const interrupted = new Promise<number>((resolve) => (exitNow = resolve));

  const onStopSignal = (signal: NodeJS.Signals): void => {
    signalsSeen += 1;
    if (signalsSeen > 1) {
      log.warning(`Received ${signal} again: exiting at once`);
      agent.abort();
      exitNow?.(EXIT_INTERRUPTED);
      return;
    }
    log.info(`Received ${signal}`);
    log.info(messages.serviceStop());
    void agent.stop();
  };
  const onReload = (): void => {
    systemd?.reloading();
    try {
      const next = loadConfig(options.configFile);
      if (serversSettingsChanged(running, next)) log.warning('Configuration reload: [metrics] and [web] changes take effect when the agent restarts');
      agent.reload(next, databaseSettingsChanged(running, next) ? openAgentDatabase(next.database, next.monitor.max_parallel_restarts) : undefined);
      running = next;
      log.info(`Configuration reloaded from ${options.configFile}`);
      for (const warning of next.warnings) log.warning(`Configuration: ${warning}`);
      systemd?.reloaded();
    } catch (error) {
      const detail = error instanceof ConfigError ? error.message.replace(/\n\s*/g, ' ') : String(error);
      log.error(`Configuration reload failed, keeping the running configuration: ${detail}`);
      systemd?.reloaded(detail);
    }
  };
  process.on('SIGTERM', onStopSignal);
  process.on('SIGINT', onStopSignal);
  process.on('SIGHUP', onReload);

  try {
    const work = options.once
      ? agent.runOnce().then(async (allCleared) => {
          await agent.stop();
          return allCleared ? EXIT_OK : EXIT_FAILURE;
        })
      : agent.run().then(async () => {
          await agent.stop();
          return EXIT_OK;
        });
    const code = await Promise.race([work, interrupted]);
    if (code !== EXIT_INTERRUPTED) log.info(messages.serviceStopped());
    return code;
  } catch (error) {
    log.error(`Unexpected error, stopping: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await agent.stop().catch(() => undefined);
    return EXIT_FAILURE;
  } finally {
    process.off('SIGTERM', onStopSignal);
    process.off('SIGINT', onStopSignal);
    process.off('SIGHUP', onReload);
    await servers?.close();
    await systemd?.close();
    await log.close();
  }
}
