/** One `key = value` line of an INI file, as written (value trimmed, comments kept). */
export interface IniLine {
  section: string;
  key: string;
  rawValue: string;
}

/**
 * The assignments of an INI text in order, with the section each is in. The
 * `ini` package's parse result loses how a value was written; the checks that
 * need that (values cut at ; or #, words turned into booleans) read this.
 */
export function scanIniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let section = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      // As `ini` reads it: a comment inside the brackets ends the name.
      section = (header[1] ?? '').replace(/(?<!\\)[;#].*$/, '').trim();
      continue;
    }
    const eq = line.indexOf('=');
    // No `=`, or nothing before it: ini skips the line, so there is no key to name.
    if (eq <= 0) continue;
    lines.push({ section, key: line.slice(0, eq).trim(), rawValue: line.slice(eq + 1).trim() });
  }
  return lines;
}
