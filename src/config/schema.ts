// Every configuration key the agent understands: its section, type, default,
// limits and one line of meaning. This table is the single source that the
// validator, `--check-config`, config.ini.example and the man page agree with
// (test/docs/configKeysDocumented.test.ts fails when they drift apart), and the
// setting types in types.ts are derived from (SettingsOf), so the lists are `as const`.

import { STRATEGIES, type StrategyName } from '../restart/strategies/registry.js';
import { AUTO, type StrategyRegistry } from '../restart/strategies/strategyRegistry.js';

/** command: a shell command line; path: an absolute file name, or empty (none); pattern: a regular expression (checked when the file is loaded). */
export type KeyType = 'string' | 'integer' | 'number' | 'enum' | 'command' | 'path' | 'pattern';

export interface KeySpec {
  readonly key: string;
  readonly type: KeyType;
  /** The built-in default, as it would be written in config.ini ('' = none). */
  readonly default: string;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
  /** Never printed: shown as ******** by --check-config; 'url-path': only the URL's scheme and host are shown (shownValue). */
  readonly secret?: boolean | 'url-path';
  readonly description: string;
}

export const DATABASE_KEYS = [
  {
    key: 'host',
    type: 'string',
    default: 'localhost',
    description: 'MySQL/MariaDB server host name or address; several, separated by commas (host or host:port), are tried in turn',
  },
  { key: 'port', type: 'integer', default: '3306', min: 1, max: 65535, description: 'TCP port of the server (ignored when socket is set)' },
  { key: 'socket', type: 'string', default: '', description: 'Unix socket path; when set it is used instead of host and port' },
  { key: 'user', type: 'string', default: 'root', description: 'Database user the agent connects as' },
  { key: 'password', type: 'string', default: '', secret: true, description: 'Password of that user (prefer password_file)' },
  {
    key: 'password_file',
    type: 'string',
    default: '',
    description: 'File whose first line is the password; a relative name is looked up in $CREDENTIALS_DIRECTORY first',
  },
  { key: 'database', type: 'string', default: 'v_process_monitor', description: 'Database holding PROCESE and STATUS_PROCESS' },
  {
    key: 'connect_timeout',
    type: 'number',
    default: '10',
    min: 1,
    max: 300,
    description: 'Seconds to wait for a connection or a query before treating the database as unavailable',
  },
] as const satisfies readonly KeySpec[];

export const MONITOR_KEYS = [
  {
    key: 'check_interval',
    type: 'number',
    default: '300',
    min: 0.1,
    max: 86400,
    description: 'Seconds between two polls of STATUS_PROCESS (fractions allowed)',
  },
  {
    key: 'max_restart_failures',
    type: 'integer',
    default: '3',
    min: 1,
    max: 1000,
    description: 'Failed restart procedures in a row after which the circuit breaker opens',
  },
  {
    key: 'circuit_reset_time',
    type: 'number',
    default: '1800',
    min: 0,
    max: 31536000,
    description: 'Seconds an open circuit breaker waits before it lets one trial restart through',
  },
  {
    key: 'max_parallel_restarts',
    type: 'integer',
    default: '16',
    min: 1,
    max: 1000,
    description:
      'Restart procedures run at the same time (for different processes; one per process). Mostly waiting (fork, health check, database), so 16 clears a burst fast while the agent stays one thread (at most one core) and opens at most 18 database connections',
  },
  {
    key: 'shutdown_grace_period',
    type: 'number',
    default: '30',
    min: 0,
    max: 3600,
    description: 'Seconds a restart in progress may take to finish after SIGTERM before the agent exits anyway',
  },
  {
    key: 'claim_lease',
    type: 'number',
    default: '120',
    min: 5,
    max: 86400,
    description: 'Seconds an alarm claimed by this agent stays reserved without renewal; another agent may take it over after that',
  },
  { key: 'agent_id', type: 'string', default: '', description: 'Name of this agent in history and claims (default: the host name)' },
  {
    key: 'agent_group',
    type: 'string',
    default: '',
    description: 'The host name this agent serves in monitor_process_host; two agents with one group are an HA pair (default: the host name)',
  },
  {
    key: 'take_unassigned',
    type: 'enum',
    default: 'yes',
    choices: ['yes', 'no'],
    description: 'yes: also handle the processes that monitor_process_host assigns to no host; no: only those of agent_group',
  },
  {
    key: 'wake',
    type: 'enum',
    default: 'poll',
    choices: ['poll', 'binlog'],
    description:
      'poll: look every check_interval only; binlog: also follow the binary log and poll as soon as a write raises an alarm (needs log_bin, binlog_format = ROW, grants REPLICATION SLAVE and REPLICATION CLIENT; falls back to polling by itself)',
  },
] as const satisfies readonly KeySpec[];

export const LOGGING_KEYS = [
  {
    key: 'log_file',
    type: 'string',
    default: '/var/log/monitor_service.log',
    description: 'The log file, written and rotated in place (older lines in log_file.1, .2…); empty = stdout only',
  },
  { key: 'max_log_size', type: 'integer', default: '5120', min: 1, max: 10485760, description: 'Size in KB at which the log file is rotated' },
  { key: 'log_files_to_keep', type: 'integer', default: '5', min: 1, max: 1000, description: 'Number of log files kept, the current one included' },
  { key: 'level', type: 'enum', default: 'INFO', choices: ['DEBUG', 'INFO', 'WARNING', 'ERROR'], description: 'Lowest level written' },
] as const satisfies readonly KeySpec[];

export const NOTIFY_KEYS = [
  { key: 'smtp_host', type: 'string', default: '', description: 'SMTP server that e-mail notifications go through; empty = no e-mail' },
  { key: 'smtp_port', type: 'integer', default: '25', min: 1, max: 65535, description: 'TCP port of the SMTP server' },
  {
    key: 'smtp_tls',
    type: 'enum',
    default: 'starttls',
    choices: ['none', 'starttls', 'tls'],
    description: 'none (plain text), starttls (upgrade required, refused if the server cannot) or tls (TLS from the start, usually port 465)',
  },
  { key: 'smtp_user', type: 'string', default: '', description: 'User for SMTP authentication; empty = no authentication' },
  {
    key: 'smtp_password_file',
    type: 'string',
    default: '',
    description: 'File whose first line is the SMTP password; a relative name is looked up in $CREDENTIALS_DIRECTORY first',
  },
  { key: 'email_from', type: 'string', default: '', description: 'Sender address of notification e-mails' },
  { key: 'email_to', type: 'string', default: '', description: 'Recipients of notification e-mails, separated by commas' },
  {
    key: 'webhook_url',
    type: 'string',
    default: '',
    secret: 'url-path',
    description: 'URL that notifications are POSTed to as JSON (with a text field); empty = no webhook',
  },
  {
    key: 'webhook_secret_file',
    type: 'string',
    default: '',
    description: 'File whose first line is the key of the X-Monitor-Service-Signature header (HMAC-SHA256 of the body); empty = unsigned',
  },
  { key: 'notify_command', type: 'command', default: '', description: 'Command run with the notification as JSON on its standard input; empty = none' },
  {
    key: 'digest_window',
    type: 'number',
    default: '60',
    min: 0,
    max: 86400,
    description: 'Seconds a notification waits for others, so that all of them go out as one message per channel',
  },
  {
    key: 'repeat_interval',
    type: 'number',
    default: '3600',
    min: 0,
    max: 31536000,
    description: 'Seconds within which the same event for the same process is not sent again (counted in the next message)',
  },
  {
    key: 'db_alert_after',
    type: 'number',
    default: '300',
    min: 0,
    max: 86400,
    description: 'Seconds the database must be unreachable before the outage is notified (and then its return)',
  },
] as const satisfies readonly KeySpec[];

/** `listen` of [metrics] and [web]: PORT or HOST:PORT (checked by httpProblems); a port alone is 127.0.0.1. */
const LISTEN_HELP = 'PORT or HOST:PORT (an IP address, or localhost); a port alone listens on 127.0.0.1 only; empty = off';

export const METRICS_KEYS = [
  { key: 'listen', type: 'string', default: '', description: `Where the HTTP server answering GET /metrics (Prometheus text format) listens: ${LISTEN_HELP}` },
  {
    key: 'textfile',
    type: 'path',
    default: '',
    description:
      "File (NAME.prom) the metrics are written to for node_exporter's textfile collector, replaced atomically after each poll; its directory must be changeable by root alone; empty = none",
  },
] as const satisfies readonly KeySpec[];

export const WEB_KEYS = [
  { key: 'listen', type: 'string', default: '', description: `Where the read-only status page listens: ${LISTEN_HELP}` },
  {
    key: 'web_user',
    type: 'string',
    default: '',
    description: 'User name the status page asks for (HTTP basic authentication, with web_password_file); empty = no authentication',
  },
  {
    key: 'web_password_file',
    type: 'string',
    default: '',
    description: 'File whose first line is the password of web_user (changeable by root alone); a relative name is looked up in $CREDENTIALS_DIRECTORY first',
  },
] as const satisfies readonly KeySpec[];

/**
 * The keys of a [process.*] section. restart_strategy accepts the registered
 * strategies and auto: a function of the registry, so that a test can build the
 * keys of a registry with one strategy more (PROCESS_KEYS is the real one's).
 */
export function processKeys(strategies: StrategyRegistry<StrategyName>) {
  return [
    {
      key: 'restart_strategy',
      type: 'enum',
      default: AUTO,
      choices: strategies.choices,
      description: `How to restart: ${strategies.entries.map((entry) => `${entry.name} (${entry.summary})`).join(', ')}, or ${AUTO} (the first of them that applies on this host, in that order)`,
    },
    {
      key: 'pre_restart_command',
      type: 'command',
      default: '',
      description: 'Run before restarting; a non-zero exit abandons the procedure and counts as a failure',
    },
    {
      key: 'health_check_command',
      type: 'command',
      default: 'pgrep %s',
      description: 'Exit 0 means healthy; re-run until it passes or health_check_timeout runs out',
    },
    {
      key: 'health_check_timeout',
      type: 'number',
      default: '5',
      min: 0.1,
      max: 3600,
      description: 'Seconds the health check may take to pass after a restart',
    },
    { key: 'restart_delay', type: 'number', default: '2', min: 0, max: 3600, description: 'Seconds between two restart attempts' },
    { key: 'max_attempts', type: 'integer', default: '2', min: 1, max: 100, description: 'Restart attempts per procedure' },
    {
      key: 'flap_threshold',
      type: 'integer',
      default: '5',
      min: 0,
      max: 1000,
      description:
        'Restart procedures (successful or not) within flap_window, plus the restarts its service manager made by itself meanwhile, that make a restart loop: the circuit breaker opens ("flapping"); 0 = off',
    },
    {
      key: 'flap_window',
      type: 'number',
      default: '300',
      min: 1,
      max: 86400,
      description: 'Seconds over which flap_threshold procedures are counted',
    },
    {
      key: 'start_command',
      type: 'command',
      default: '',
      description: 'process strategy: command that starts the process (required for process; used by auto when no unit exists)',
    },
    {
      key: 'stop_timeout',
      type: 'number',
      default: '10',
      min: 0,
      max: 3600,
      description: 'process strategy: seconds between SIGTERM and SIGKILL when stopping running instances',
    },
    {
      key: 'command_timeout',
      type: 'number',
      default: '60',
      min: 0.1,
      max: 3600,
      description: 'Seconds any one command (pre-restart, systemctl, start) may run before its whole process group is killed',
    },
    {
      key: 'systemd_scope',
      type: 'enum',
      default: 'system',
      choices: ['system', 'user'],
      description: "service strategy and process launcher: the system manager, or the calling user's manager (systemctl --user)",
    },
    {
      key: 'process_launcher',
      type: 'enum',
      default: 'auto',
      choices: ['auto', 'systemd-run', 'detach'],
      description:
        'process strategy: how start_command is launched so it outlives the agent; auto = systemd-run when systemd is running, else detach. In a burst the forks are done by a small helper child process of the agent',
    },
    {
      key: 'supervisor_config',
      type: 'path',
      default: '',
      description:
        "supervisor strategy: the supervisord configuration file supervisorctl reads (-c), which says how to reach supervisord; empty = supervisorctl's own search",
    },
    {
      key: 'service_dir',
      type: 'path',
      default: '',
      description:
        "daemontools, runit and s6 strategies: the directory holding the service directories (NAME is service_dir/NAME); empty = the manager's usual one: /etc/service for daemontools and runit, /run/service for s6",
    },
    {
      key: 'notify_on',
      type: 'enum',
      default: 'failures',
      choices: ['failures', 'all', 'none'],
      description:
        "What is notified ([notify]): failures (gave up, breaker opened, flapping, recovered, rejected, a watch's detection nothing acts on), all (routine restarts too) or none",
    },
    {
      key: 'restart_command',
      type: 'command',
      default: '',
      description: 'command strategy: the command that restarts the process (docker restart %s, /etc/init.d/%s restart); exit 0 = restarted',
    },
    {
      key: 'stable_time',
      type: 'number',
      default: '0',
      min: 0,
      max: 3600,
      description:
        'Seconds the health check must keep passing after it first passed (re-checked every 0.25 s), else the attempt fails: started but died after N s; 0 = not watched',
    },
    {
      key: 'pid_file',
      type: 'path',
      default: '',
      description:
        'process strategy and the default health check: the instance is the PID in this file (an absolute path), if that process runs and started before the file was written; [process.NAME] only',
    },
    {
      key: 'match',
      type: 'pattern',
      default: '',
      description:
        "process strategy and the default health check: the instances are the processes whose full command line matches this regular expression (like pgrep -f), never the agent's own; [process.NAME] only",
    },
  ] as const satisfies readonly KeySpec[];
}

export const PROCESS_KEYS = processKeys(STRATEGIES);

/** What a [watch.NAME] section can watch (README "Watchers"). */
export const WATCH_TYPES = ['process', 'systemd', 'supervisor', 'svstat', 'log', 'command', 'http', 'tcp'] as const;

/** The keys of a [watch.NAME] section: NAME is a PROCESE.process_name whose alarm the watch raises. */
export const WATCH_KEYS = [
  {
    key: 'type',
    type: 'enum',
    default: 'process',
    choices: WATCH_TYPES,
    description:
      'What is watched: process (an instance runs), systemd (the unit is active, not restarting in a loop), supervisor (the program is RUNNING), svstat (the service directory is up and stays up), log (a pattern in new lines of file), command (a pattern in the output lines of command), http (url answers), tcp (address accepts a connection)',
  },
  { key: 'watch_interval', type: 'number', default: '10', min: 0.1, max: 86400, description: 'Seconds between two checks of this watch' },
  {
    key: 'for_cycles',
    type: 'integer',
    default: '1',
    min: 1,
    max: 1000,
    description: 'Checks in a row that must fail before the alarm is raised (like monit\'s "for N cycles"); once per failure, until a check passes',
  },
  { key: 'file', type: 'path', default: '', description: 'log: the file whose new lines are read, followed across rotation and truncation like tail -F' },
  { key: 'pattern', type: 'pattern', default: '', description: 'log and command: the regular expression a new line must match to count as a failure' },
  {
    key: 'pattern_expiration',
    type: 'number',
    default: '60',
    min: 0,
    max: 86400,
    description: 'log and command: seconds a matching line keeps the watch failing (checked every watch_interval); 0 = only the check that read it',
  },
  {
    key: 'command',
    type: 'command',
    default: '',
    description: 'command: a long-running command whose output lines are matched against pattern (docker events); started again with backoff when it exits',
  },
  { key: 'url', type: 'string', default: '', description: 'http: the http:// or https:// URL that must answer with a status below 400 within timeout' },
  { key: 'address', type: 'string', default: '', description: 'tcp: HOST:PORT that must accept a connection within timeout' },
  {
    key: 'timeout',
    type: 'number',
    default: '5',
    min: 0.1,
    max: 3600,
    description: 'http, tcp, systemd, supervisor, svstat: seconds one check may take; longer is a failure (http, tcp) or no answer (said once)',
  },
  {
    key: 'min_uptime',
    type: 'number',
    default: '10',
    min: 0,
    max: 86400,
    description: 'svstat: a service up for fewer seconds than this counts as failing (a restart loop shows up as short uptimes, check after check)',
  },
] as const satisfies readonly KeySpec[];

/** Sections with a fixed key set. `process.NAME` sections use PROCESS_KEYS. */
export const FIXED_SECTIONS: Readonly<Record<string, readonly KeySpec[]>> = {
  database: DATABASE_KEYS,
  monitor: MONITOR_KEYS,
  logging: LOGGING_KEYS,
  notify: NOTIFY_KEYS,
  metrics: METRICS_KEYS,
  web: WEB_KEYS,
};

export const PROCESS_SECTION_PREFIX = 'process.';
export const WATCH_SECTION_PREFIX = 'watch.';
export const DEFAULT_PROCESS_SECTION = 'process.default';
