import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { doubleQuotedForIni, isCutByComment, isIniQuoted, isUnreadableDoubleQuoted } from '../../src/config/iniQuoting.js';

/** What ini 5 reads for `key = <written>` in a section. */
function iniReads(written: string): unknown {
  const sections = ini.parse(`[s]\nkey = ${written}\n`) as Record<string, Record<string, unknown> | undefined>;
  return sections.s?.key;
}

const COMMANDS = [
  'echo broken >&2; exit 1',
  'date +%%s # seconds',
  'find /tmp -name x -exec rm {} \\; ; echo done',
  'grep -q "a;b" /etc/x && echo "#1"',
  'printf \'%s\\n\' "$HOME"; echo \\\\',
  '"/opt/my app/check"; exit 2',
  'echo \\"quoted\\" \\u0041 \\n',
  '  leading and trailing spaces ; x  '.trim(),
  'echo é ü 中 ; true',
];

describe('doubleQuotedForIni', () => {
  it.each(COMMANDS)('ini reads the suggested form of %j back exactly', (command) => {
    const suggestion = doubleQuotedForIni(command);
    expect(iniReads(suggestion)).toBe(command);
    expect(isCutByComment(suggestion)).toBe(false);
    expect(isUnreadableDoubleQuoted(suggestion)).toBe(false);
  });
});

describe('isCutByComment (as ini 5 reads a value)', () => {
  it('is true exactly when ini stops the value early', () => {
    for (const written of ['a;b', 'a ; b', 'a#b', '#a', 'a\\;b;c', '"a" b; c', "'a' b# c"]) {
      expect(isCutByComment(written), written).toBe(true);
      expect(String(iniReads(written)).length, written).toBeLessThan(written.length - 1);
    }
    for (const written of ['a b', 'a\\;b', 'a\\#b', '"a;b"', "'a;b'", 'a\\\\b']) {
      expect(isCutByComment(written), written).toBe(false);
    }
  });
});

describe('isUnreadableDoubleQuoted', () => {
  it('finds double-quoted values ini keeps with their quotes (JSON.parse fails)', () => {
    expect(iniReads('"grep \\d x; y"')).toBe('"grep \\d x; y"'); // why it matters
    expect(isUnreadableDoubleQuoted('"grep \\d x; y"')).toBe(true);
    expect(isUnreadableDoubleQuoted('"say "hi"; exit"')).toBe(true);
    expect(isUnreadableDoubleQuoted('"fine; really"')).toBe(false);
    expect(isUnreadableDoubleQuoted('plain')).toBe(false);
  });

  it('isIniQuoted needs the same quote at both ends', () => {
    expect(isIniQuoted('"a"')).toBe(true);
    expect(isIniQuoted("'a'")).toBe(true);
    expect(isIniQuoted('"a" b')).toBe(false);
  });
});
