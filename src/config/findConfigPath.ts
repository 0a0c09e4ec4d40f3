export const DEFAULT_CONFIG_PATH = '/opt/monitor_service/config.ini';

/** --config, then $MONITOR_SERVICE_CONFIG, then the installed location. */
export function findConfigPath(cliPath: string | undefined, env: NodeJS.ProcessEnv): string {
  if (cliPath) return cliPath;
  if (env.MONITOR_SERVICE_CONFIG) return env.MONITOR_SERVICE_CONFIG;
  return DEFAULT_CONFIG_PATH;
}
