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
}
