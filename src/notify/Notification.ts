/** What a notification is about; with the process, the key that repeat_interval counts repeats by. */
export type NotificationKind =
  | 'gave-up'
  | 'breaker-opened'
  | 'flapping'
  | 'recovered'
  | 'restarted'
  | 'rejected'
  | 'detected-not-raised'
  | 'detected-unregistered'
  | 'database-restored'
  | 'database-unreachable'
  | 'agent-vanished'
  | 'test';

/**
 * One thing a person should hear about, in the words of the message: what
 * happened, what the agent tried, why it stopped, and what a person can do next.
 */
export interface Notification {
  kind: NotificationKind;
  /** null when the event is not about one process (the database, a test). */
  processId: number | null;
  /** As read from the database: hostile, escaped wherever it is shown. */
  processName: string;
  what: string;
  tried: string;
  why: string;
  next: string;
}
