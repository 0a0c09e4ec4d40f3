/** The outbox table does not exist: setup.sql was not re-run after an upgrade. */
export function isMissingTable(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ER_NO_SUCH_TABLE';
}

export const MISSING_OUTBOX_MESSAGE =
  'Notifications are configured but the table monitor_notification does not exist: re-run sql/setup.sql on the database (restarts go on without notifications)';
