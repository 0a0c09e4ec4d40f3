// The settings types, derived from the key lists in schema.ts: a key added there
// is a field here, with the type its spec gives it (number, one of its choices, text).
import type { DATABASE_KEYS, LOGGING_KEYS, METRICS_KEYS, MONITOR_KEYS, NOTIFY_KEYS, PROCESS_KEYS, WATCH_KEYS, WEB_KEYS } from './schema.js';
import type { SettingsOf } from './settingsOf.js';

export type DatabaseSettings = SettingsOf<typeof DATABASE_KEYS>;
export type MonitorSettings = SettingsOf<typeof MONITOR_KEYS>;
export type LoggingSettings = SettingsOf<typeof LOGGING_KEYS>;
export type NotifySettings = SettingsOf<typeof NOTIFY_KEYS>;
export type ProcessSettings = SettingsOf<typeof PROCESS_KEYS>;
export type MetricsSettings = SettingsOf<typeof METRICS_KEYS>;
export type WebSettings = SettingsOf<typeof WEB_KEYS>;
export type WatchSettings = SettingsOf<typeof WATCH_KEYS>;
export type WatchType = WatchSettings['type'];

export type RestartStrategy = ProcessSettings['restart_strategy'];
export type SystemdScope = ProcessSettings['systemd_scope'];
export type ProcessLauncher = ProcessSettings['process_launcher'];
export type NotifyOn = ProcessSettings['notify_on'];
export type LogLevel = LoggingSettings['level'];

/** Raw validated values of one [process.*] section: only the keys it sets. */
export type ProcessOverrides = Partial<ProcessSettings>;

export interface NotifySecrets {
  smtpPassword: string;
  webhookSecret: string;
}

export interface Config {
  /** The file it was read from (for messages and SIGHUP reload). */
  file: string;
  database: DatabaseSettings;
  monitor: MonitorSettings;
  logging: LoggingSettings;
  notify: NotifySettings;
  /** Read from smtp_password_file and webhook_secret_file by loadConfig ('' = none); never printed. */
  notifySecrets: NotifySecrets;
  metrics: MetricsSettings;
  web: WebSettings;
  /** Read from [web] web_password_file by loadConfig ('' = none); never printed. */
  webPassword: string;
  /** [process.default] then [process.NAME] sections, keyed by NAME. */
  processDefaults: ProcessOverrides;
  processes: Record<string, ProcessOverrides>;
  /** [watch.NAME] sections, keyed by NAME (a PROCESE.process_name), every key resolved. */
  watches: Record<string, WatchSettings>;
  /** Unknown sections/keys and other things worth a warning at start. */
  warnings: string[];
}
