export type RestartStrategy = 'service' | 'process' | 'auto';
export type SystemdScope = 'system' | 'user';
export type ProcessLauncher = 'auto' | 'systemd-run' | 'detach';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export interface DatabaseSettings {
  host: string;
  port: number;
  socket: string;
  user: string;
  password: string;
  password_file: string;
  database: string;
  connect_timeout: number;
}

export interface MonitorSettings {
  check_interval: number;
  max_restart_failures: number;
  circuit_reset_time: number;
  max_parallel_restarts: number;
  shutdown_grace_period: number;
  claim_lease: number;
  agent_id: string;
}

export interface LoggingSettings {
  log_file: string;
  max_log_size: number;
  log_files_to_keep: number;
  level: LogLevel;
}

export interface ProcessSettings {
  restart_strategy: RestartStrategy;
  pre_restart_command: string;
  health_check_command: string;
  health_check_timeout: number;
  restart_delay: number;
  max_attempts: number;
  start_command: string;
  stop_timeout: number;
  command_timeout: number;
  systemd_scope: SystemdScope;
  process_launcher: ProcessLauncher;
}

/** Raw validated values of one [process.*] section: only the keys it sets. */
export type ProcessOverrides = Partial<ProcessSettings>;

export interface Config {
  /** The file it was read from (for messages and SIGHUP reload). */
  file: string;
  database: DatabaseSettings;
  monitor: MonitorSettings;
  logging: LoggingSettings;
  /** [process.default] then [process.NAME] sections, keyed by NAME. */
  processDefaults: ProcessOverrides;
  processes: Record<string, ProcessOverrides>;
  /** Unknown sections/keys and other things worth a warning at start. */
  warnings: string[];
}
