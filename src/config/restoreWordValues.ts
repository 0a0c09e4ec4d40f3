import type { FlatSections } from './flattenSections.js';

const WORDS = new Set(['true', 'false', 'null']);

/**
 * The `ini` package turns the values true, false and null (even quoted) into
 * JSON values, and a bare `key` line into `true`. Every key here is text or a
 * number, and `start_command = true` is a real shell command, so put back the
 * words that were written after `=`. A bare key stays `true` ("no value").
 */
export function restoreWordValues(sections: FlatSections, text: string): FlatSections {
  let section = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      section = (header[1] ?? '').replace(/(?<!\\)[;#].*$/, '').trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/(?<!\\)[;#].*$/, '').trim();
    const current = sections[section]?.[key];
    if (WORDS.has(value) && (typeof current === 'boolean' || current === null)) sections[section]![key] = value;
  }
  return sections;
}
