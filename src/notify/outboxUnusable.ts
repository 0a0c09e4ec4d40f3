export const MISSING_OUTBOX_MESSAGE =
  'Notifications are configured but the table monitor_notification does not exist: re-run sql/setup.sql on the database (restarts go on without notifications)';

export const DENIED_OUTBOX_MESSAGE =
  "Notifications are configured but the agent's database account may not use the table monitor_notification: re-run sql/grants.sql (restarts go on without notifications)";

/**
 * Why the outbox cannot be used — its table missing (setup.sql not re-run after
 * an upgrade) or not granted to the agent's account (grants.sql not re-run) —
 * or undefined for any other error. Either way restarts must go on.
 */
export function outboxUnusable(error: unknown): string | undefined {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ER_NO_SUCH_TABLE') return MISSING_OUTBOX_MESSAGE;
  if (code === 'ER_TABLEACCESS_DENIED_ERROR') return DENIED_OUTBOX_MESSAGE;
  return undefined;
}
