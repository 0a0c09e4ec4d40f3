import { formatTimestamp } from '../clock/formatTimestamp.js';

/**
 * Database text made safe for one terminal line: other programs write these
 * tables, so control characters (escape sequences, newlines) are replaced,
 * and long text is cut with "…".
 */
export function oneLine(value: string | null | undefined, max = 60): string {
  if (value === null || value === undefined) return '';
  // String(): rows are typed as text, but a driver can still hand over a number or bytes.
  const text = String(value)
    .replace(/[\r\n\t]+/g, ' ')
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
    .trim();
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** A database time as the agent's log writes it, or "-" for none. */
export function formatTime(date: Date | null | undefined): string {
  return date ? formatTimestamp(date) : '-';
}
