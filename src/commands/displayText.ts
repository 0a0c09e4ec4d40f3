import { formatTimestamp } from '../log/createLogger.js';

/**
 * Database text made safe for one terminal line: other programs write these
 * tables, so control characters (escape sequences, newlines) are replaced,
 * and long text is cut with "…".
 */
export function oneLine(value: unknown, max = 60): string {
  if (value === null || value === undefined) return '';
  // eslint-disable-next-line no-control-regex
  const text = String(value).replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').trim();
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** A database time as the agent's log writes it, or "-" for none. */
export function formatTime(date: Date | null | undefined): string {
  return date ? formatTimestamp(date) : '-';
}
