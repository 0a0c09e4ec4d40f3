/** Variables a command the agent runs must not inherit: they can lead to the database password. */
const SECRET_VARIABLES = ['CREDENTIALS_DIRECTORY', 'MYSQL_PWD', 'MONITOR_SERVICE_DB_PASSWORD'];

export function commandEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env };
  for (const name of SECRET_VARIABLES) delete clean[name];
  return clean;
}
