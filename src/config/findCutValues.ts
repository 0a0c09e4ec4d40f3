/**
 * INI treats `;` and `#` as the start of a comment, even inside a value:
 * `password = abc#123` reads as "abc". That silently breaks passwords and
 * shell commands, so find such lines and name them (quoting the value, or
 * writing \; and \#, keeps the text).
 */
export interface CutValue {
  section: string;
  key: string;
}

export function findCutValues(text: string): CutValue[] {
  const found: CutValue[] = [];
  let section = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = (header[1] ?? '').trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value.startsWith('"') || value.startsWith("'")) continue;
    // A comment after whitespace (`value  ; note`) is the usual INI idiom; a
    // ; or # glued to text, or opening the value (`password = #x` reads as
    // empty), is almost always meant as part of the value.
    if (/(^|[^\s\\])[;#]/.test(value)) found.push({ section, key });
  }
  return found;
}
