// What globalSetup hands to test files through vitest's provide()/inject().
// Strings only ('' = absent): provided values must survive serialization to the workers.
export interface HarnessContext {
  /** Socket of the run's shared MariaDB server, '' when there is none. */
  mariadbSocket: string;
  /** Its data directory (pid file, error log and socket live there), '' when there is none. */
  mariadbDatadir: string;
  /** Why there is no MariaDB server, '' when there is one. */
  mariadbSkipReason: string;
  /** Why a private systemd user manager cannot run here, '' when it can. */
  systemdUserSkipReason: string;
  /** Why a private systemd system manager (PID 1 of its own namespaces) cannot run here, '' when it can. */
  systemdSystemSkipReason: string;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface ProvidedContext extends HarnessContext {}
}

/** Environment variables mirroring the provided context, for spawned programs and crash tests. */
export const MARIADB_ENV = {
  socket: 'MONITOR_TEST_MARIADB_SOCKET',
  datadir: 'MONITOR_TEST_MARIADB_DATADIR',
  pidFile: 'MONITOR_TEST_MARIADB_PID_FILE',
} as const;
