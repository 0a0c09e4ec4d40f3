import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { findCutValues } from '../../src/config/findCutValues.js';

/** What ini reads for `key` in `[section]` of `text`. */
function iniReads(text: string, section: string, key: string): unknown {
  const sections = ini.parse(text) as Record<string, Record<string, unknown> | undefined>;
  return sections[section]?.[key];
}

describe('findCutValues', () => {
  it('names a value where ini would cut text at a glued # or ;', () => {
    const text = '[database]\npassword = abc#123\n[process.x]\nstart_command = a;b\n';
    expect(iniReads(text, 'database', 'password')).toBe('abc'); // why this matters
    expect(findCutValues(text)).toEqual([
      { section: 'database', key: 'password' },
      { section: 'process.x', key: 'start_command' },
    ]);
  });

  it('accepts quoted values, escaped characters and comments after whitespace', () => {
    const text = [
      '[database]',
      'password = "pa;ss#word"',
      "user = 'a#b'",
      'host = db\\#1',
      '[monitor]',
      'check_interval = 300  # 5 minutes',
      '; comment = a#b',
      '# another = x;y',
    ].join('\n');
    expect(findCutValues(text)).toEqual([]);
  });

  it('handles CRLF files and keys outside sections', () => {
    expect(findCutValues('top = a#b\r\n[logging]\r\nlevel = INFO\r\n')).toEqual([{ section: '', key: 'top' }]);
  });

  it('names a password that starts with # (ini reads it as empty)', () => {
    const text = '[database]\npassword = #Secret123\n';
    expect(iniReads(text, 'database', 'password')).toBe('');
    expect(findCutValues(text)).toEqual([{ section: 'database', key: 'password' }]);
  });
});

describe('findCutValues: how lines are read', () => {
  it('reads indented sections and comments, and a comment inside the brackets of a section', () => {
    expect(findCutValues('  [process.x]\n  ; note = a#b\n  start_command = a#b\n')).toEqual([{ section: 'process.x', key: 'start_command' }]);
    expect(findCutValues('[process.y ; old name]\nstart_command = a#b\n')).toEqual([{ section: 'process.y', key: 'start_command' }]);
  });

  it('takes a line as a section only when it starts with [, and ignores lines without =', () => {
    expect(findCutValues('[process.a]\nstart_command = run#1 [x]\njunk#line\n')).toEqual([{ section: 'process.a', key: 'start_command' }]);
  });
});

describe('findCutValues: lines ini does not read as assignments', () => {
  it('reads "[a]b = …" as a key named [a]b outside any section, as ini does', () => {
    expect(findCutValues('[a]b = c#d\n')).toEqual([{ section: '', key: '[a]b' }]);
  });

  it('ignores a line with nothing before "=", as ini does', () => {
    expect(ini.parse('[s]\n= a#b\n')).toEqual({ s: {} });
    expect(findCutValues('[s]\n= a#b\n')).toEqual([]);
  });
});
