import { isIniQuoted } from './iniQuoting.js';
import { scanIniLines } from './scanIniLines.js';

/**
 * INI treats `;` and `#` as the start of a comment, even inside a value:
 * `password = abc#123` reads as "abc". That silently breaks passwords and
 * shell commands, so find such lines and name them (quoting the value, or
 * writing \; and \#, keeps the text). Commands are refused instead
 * (findMisreadCommands); this finds the rest, which get a warning.
 */
export interface CutValue {
  section: string;
  key: string;
}

export function findCutValues(text: string): CutValue[] {
  return (
    scanIniLines(text)
      .filter(({ rawValue }) => !isIniQuoted(rawValue))
      // A comment after whitespace (`value  ; note`) is the usual INI idiom; a
      // ; or # glued to text, or opening the value (`password = #x` reads as
      // empty), is almost always meant as part of the value.
      .filter(({ rawValue }) => /(^|[^\s\\])[;#]/.test(rawValue))
      .map(({ section, key }) => ({ section, key }))
  );
}
