/** What one check of a watched condition saw. `evidence` is recorded with the alarm it raises. */
export type Observation = { failing: false } | { failing: true; evidence: string };

/**
 * One way of noticing that a process has failed (a process gone, a unit
 * inactive, a log pattern, …), checked every watch_interval. A watcher only
 * observes: raising the alarm, the for_cycles rule and what is recorded are
 * the same for every kind (see streak.ts).
 */
export interface Watcher {
  /** The process this watcher is about (a PROCESE.process_name). */
  readonly processName: string;
  check(signal: AbortSignal): Promise<Observation>;
  /** Lets go of what it holds (an open file, a running command). */
  close?(): Promise<void> | void;
}

/**
 * What a watcher met that keeps it from seeing clearly (a file not there yet, a
 * manager that does not answer, a flooding command): said once per `key` until
 * `resolved(key)`, so a problem that lasts is one log line, not one per check.
 */
export interface WatchProblems {
  once(key: string, text: string): void;
  resolved(key: string): void;
}
