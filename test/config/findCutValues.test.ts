import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { findCutValues } from '../../src/config/findCutValues.js';

describe('findCutValues', () => {
  it('names a value where ini would cut text at a glued # or ;', () => {
    const text = '[database]\npassword = abc#123\n[process.x]\nstart_command = a;b\n';
    expect(ini.parse(text).database.password).toBe('abc'); // why this matters
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
    expect(ini.parse(text).database.password).toBe('');
    expect(findCutValues(text)).toEqual([{ section: 'database', key: 'password' }]);
  });
});
