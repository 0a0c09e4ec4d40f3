/**
 * Result of one restart action (not yet health-checked). warning: something the
 * restart met and went past that an administrator should hear about (a stale pid
 * file), logged as a WARNING. launch: a command started and not waited for
 * (start_command), which the health check watches.
 */
export type RestartResult = { ok: true; detail: string; warning?: string; launch?: LaunchWatch } | { ok: false; detail: string };

/** A start command launched and not waited for. */
export interface LaunchWatch {
  /** Settles with the reason if it fails (exits non-zero, is killed): the health check stops there. */
  readonly failure: Promise<string>;
  /** Its PID: the default health check looks there first (the shell usually execs the program). */
  readonly pid: number | undefined;
}

/** One answer of a strategy's own health check: a manager's view of the process. */
export interface StateCheck {
  healthy: boolean;
  /** What the manager said ("RUNNING", "down 3 seconds, normally up"), for the log and history. */
  detail: string;
}

/** A way of restarting a process, built by a registered StrategyEntry (registry.ts). */
export interface Strategy {
  /** As logged and recorded: the name it is registered under ("service", "process", …). */
  readonly name: string;
  restart(signal: AbortSignal): Promise<RestartResult>;
  /**
   * The manager's own answer to "is it running?" (supervisor's RUNNING, svstat's
   * up). When set, it replaces the default health check (`pgrep %s`, which looks
   * for the process by name); a health_check_command the user configured runs as
   * configured. Re-asked until it passes or health_check_timeout runs out.
   */
  readonly checkState?: (signal: AbortSignal) => Promise<StateCheck>;
  /**
   * Restarts the manager made by itself since the last restart command (its own
   * loop: supervisord's BACKOFF, a service directory's new process again and
   * again). They count toward flapping like the agent's own procedures.
   */
  readonly managerRestarts?: () => number;
}
