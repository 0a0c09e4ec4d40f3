import ini from 'ini';
import type { ConfigProblem } from './ConfigError.js';
import { findKeySpec } from './findKeySpec.js';
import type { KeyType } from './schema.js';
import { doubleQuotedForIni, isCutByComment, isUnreadableDoubleQuoted } from './iniQuoting.js';
import { scanIniLines } from './scanIniLines.js';

/** Keys whose value must be read exactly as written: a command, or a regular expression that chooses processes to stop. */
export function isReadAsWritten(type: KeyType | undefined): boolean {
  return type === 'command' || type === 'pattern';
}

/**
 * Commands (and regular expressions) that ini would not read as written. `pre_restart_command = echo
 * broken >&2; exit 1` reads as `echo broken`: the safety check passes and the
 * restart goes ahead. For a command that is never what was meant, so it is a
 * config error (other keys keep a warning), and the message shows the
 * double-quoted form that reads back exactly as written.
 */
export function findMisreadCommands(text: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { section, key, rawValue } of scanIniLines(text)) {
    const type = findKeySpec(section, key)?.type;
    if (!isReadAsWritten(type)) continue;
    if (isCutByComment(rawValue)) {
      problems.push({
        section,
        key,
        value: String(ini.unsafe(rawValue)),
        expected:
          `the whole ${type === 'pattern' ? 'regular expression' : 'command'}, but INI ends an unquoted value at ";" or "#" (it reads as shown); ` +
          `write it in double quotes: ${key} = ${doubleQuotedForIni(rawValue)}`,
      });
    } else if (isUnreadableDoubleQuoted(rawValue)) {
      problems.push({
        section,
        key,
        value: rawValue,
        expected:
          `a double-quoted value INI can read (inside double quotes write \\\\ for \\ and \\" for "; ` +
          `as it is, the quotes become part of the command); write: ${key} = ${doubleQuotedForIni(rawValue.slice(1, -1))}`,
      });
    }
  }
  return problems;
}
