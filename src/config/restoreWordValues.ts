import type { FlatSections } from './flattenSections.js';
import { scanIniLines } from './scanIniLines.js';

const WORDS = new Set(['true', 'false', 'null']);

/**
 * The `ini` package turns the values true, false and null (even quoted) into
 * JSON values, and a bare `key` line into `true`. Every key here is text or a
 * number, and `start_command = true` is a real shell command, so put back the
 * words that were written after `=`. A bare key stays `true` ("no value").
 */
export function restoreWordValues(sections: FlatSections, text: string): FlatSections {
  for (const { section, key, rawValue } of scanIniLines(text)) {
    const value = /^(["']).*\1$/.test(rawValue) ? rawValue.slice(1, -1) : rawValue.replace(/(?<!\\)[;#].*$/, '').trim();
    const current = sections[section]?.[key];
    if (WORDS.has(value) && (typeof current === 'boolean' || current === null)) sections[section]![key] = value;
  }
  return sections;
}
