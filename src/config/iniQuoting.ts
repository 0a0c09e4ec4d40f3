/**
 * How the `ini` package (5.x) reads a value, for the checks that need to know
 * what it did with the text as written. Its rules: a value that begins and
 * ends with a double quote is JSON.parse'd (when that fails, the quotes stay
 * part of the value); otherwise it ends at the first `;` or `#` not written
 * `\;` / `\#`.
 */
export function isIniQuoted(raw: string): boolean {
  return (raw.startsWith('"') && raw.endsWith('"')) || (raw.startsWith("'") && raw.endsWith("'"));
}

/** True when ini would end this unquoted value early, at an unescaped `;` or `#`. */
export function isCutByComment(raw: string): boolean {
  if (isIniQuoted(raw)) return false;
  let escaped = false;
  for (const c of raw) {
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ';' || c === '#') return true;
  }
  return false;
}

/** True for a double-quoted value that ini cannot JSON.parse, so it keeps the quotes as text. */
export function isUnreadableDoubleQuoted(raw: string): boolean {
  if (!(raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"'))) return false;
  try {
    return typeof JSON.parse(raw) !== 'string';
  } catch {
    return true;
  }
}

/**
 * `text` written so that ini reads back exactly `text`: a JSON string, which
 * ini JSON.parses (backslashes and double quotes escaped; ; and # kept).
 */
export function doubleQuotedForIni(text: string): string {
  return JSON.stringify(text);
}
