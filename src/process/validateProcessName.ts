import { escapeControlCharacters } from '../log/escapeControlCharacters.js';

/**
 * Process names come from the database, which other programs (and people)
 * write: they are untrusted. A name is used as a systemd unit name, a pgrep
 * pattern and, shell-quoted, inside configured commands. Accept only what a
 * real process or unit name looks like, so nothing odd ever reaches a tool.
 */
export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

export const MAX_PROCESS_NAME_LENGTH = 100;
const ALLOWED = /^[A-Za-z0-9_][A-Za-z0-9_.@:+-]*$/;

export function validateProcessName(value: unknown): NameCheck {
  if (value === null || value === undefined) return { ok: false, reason: 'no name (NULL)' };
  if (typeof value !== 'string') return { ok: false, reason: 'not text' };
  if (value.length === 0) return { ok: false, reason: 'empty name' };
  if (value.length > MAX_PROCESS_NAME_LENGTH) {
    return { ok: false, reason: `longer than ${MAX_PROCESS_NAME_LENGTH} characters` };
  }
  if (value.startsWith('-')) return { ok: false, reason: 'starts with "-" (would be read as an option)' };
  if (value.includes('..')) return { ok: false, reason: 'contains ".." (path traversal)' };
  if (!ALLOWED.test(value)) {
    return { ok: false, reason: 'only letters, digits and _ . @ : + - are allowed, starting with a letter, digit or _' };
  }
  return { ok: true, name: value };
}

/** A name made safe to print on one log line: control characters escaped, length capped. */
export function printableName(value: unknown): string {
  // Whatever the column holds: a number or bytes are shown as String() writes them.
  const text = String(value);
  if (value === null || value === undefined) return 'NULL';
  // JSON escapes C0 controls; DEL, C1 (U+009B is a terminal's CSI) and U+2028/9 need it too.
  const shown = escapeControlCharacters(JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text));
  return text.length > 80 ? `${shown} (${text.length} characters)` : shown;
}
