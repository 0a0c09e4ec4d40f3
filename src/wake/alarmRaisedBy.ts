/** A row image as the binlog client decodes it: column name → value (only some columns with binlog_row_image = MINIMAL). */
export type RowImage = Record<string, unknown>;

/** One row event on STATUS_PROCESS: inserted rows, or updated rows with their before and after images. */
export type StatusRowEvent = { kind: 'writerows'; rows: readonly RowImage[] } | { kind: 'updaterows'; rows: readonly { before: RowImage; after: RowImage }[] };

function alarmed(value: unknown): boolean {
  return value !== undefined && value !== null && Number(value) !== 0;
}

/**
 * Whether a row event may have raised an alarm, so a poll is worth it now.
 * Clearing an alarm (alarma = 0) or touching other columns of an alarmed row
 * does not wake; a before image without alarma (binlog_row_image = MINIMAL)
 * counts as "was not in alarm". The poll decides what the row means.
 */
export function alarmRaisedBy(event: StatusRowEvent): boolean {
  if (event.kind === 'writerows') return event.rows.some((row) => alarmed(row.alarma));
  return event.rows.some(({ before, after }) => alarmed(after.alarma) && !alarmed(before.alarma));
}
