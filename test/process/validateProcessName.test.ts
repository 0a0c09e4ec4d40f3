import { describe, expect, it } from 'vitest';
import { MAX_PROCESS_NAME_LENGTH, printableName, validateProcessName } from '../../src/process/validateProcessName.js';

describe('validateProcessName', () => {
  it.each(['apache2', 'php-fpm7.4', 'getty@tty1', 'sshd', 'my_app:1', 'nginx.service', 'mysqld', 'a', '_x', 'x+y', 'A'.repeat(MAX_PROCESS_NAME_LENGTH)])(
    'accepts %j',
    (name) => {
      expect(validateProcessName(name)).toEqual({ ok: true, name });
    },
  );

  it.each([
    ['x; touch /tmp/pwned'],
    ['$(id)'],
    ['`id`'],
    ['a`id`'],
    ['-rf'],
    ['--help'],
    ['../etc'],
    ['a/../../etc'],
    ['foo..bar'],
    ['/etc/passwd'],
    ['apache2\n'],
    ['apache2\nrm -rf /'],
    ['apache2\0'],
    ['x'.repeat(10 * 1024)],
    ['A'.repeat(MAX_PROCESS_NAME_LENGTH + 1)],
    [''],
    [' apache2'],
    ['apache2 '],
    ['a b'],
    ['ápache'],
    ['аpache'], // Cyrillic а
    ['apache2\u200b'],
    ['%s'],
    ['*'],
    ['a|b'],
    ['a&b'],
    ['a>b'],
    ["it's"],
    ['"q"'],
    ['$HOME'],
    ['.hidden'],
  ])('rejects %j with a reason', (name) => {
    const check = validateProcessName(name);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason.length).toBeGreaterThan(0);
  });

  it.each([[null], [undefined], [42], [{}], [['apache2']], [Buffer.from('apache2')]])('rejects a non-string %j', (value) => {
    expect(validateProcessName(value).ok).toBe(false);
  });

  it('says why: NULL, empty, too long, option-like, traversal', () => {
    expect(validateProcessName(null)).toEqual({ ok: false, reason: 'no name (NULL)' });
    expect(validateProcessName('')).toMatchObject({ ok: false, reason: expect.stringContaining('empty') as unknown });
    expect(validateProcessName('x'.repeat(10240))).toMatchObject({ reason: expect.stringContaining(String(MAX_PROCESS_NAME_LENGTH)) as unknown });
    expect(validateProcessName('-rf')).toMatchObject({ reason: expect.stringContaining('"-"') as unknown });
    expect(validateProcessName('../etc')).toMatchObject({ reason: expect.stringContaining('..') as unknown });
  });
});

describe('printableName', () => {
  it('quotes a plain name', () => {
    expect(printableName('apache2')).toBe('"apache2"');
    expect(printableName(null)).toBe('NULL');
    expect(printableName(undefined)).toBe('NULL');
  });

  it('escapes newlines and other C0 control characters so a log line stays one line', () => {
    const shown = printableName('evil\nINFO - fake line\r\x1b[31m\0\t');
    // eslint-disable-next-line no-control-regex -- the pattern exists to detect control characters
    expect(shown).not.toMatch(/[\n\r\0\x1b\t]/);
    expect(shown).toContain('\\n');
    expect(shown).toContain('\\u001b');
  });

  it('escapes every control character, DEL and C1 (e.g. U+009B CSI) included', () => {
    const all =
      Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('') +
      '\x7f' +
      Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)).join('');
    const shown = printableName(`x${all}y`);
    expect(shown).not.toMatch(/\p{Cc}/u);
    // and line/paragraph separators, which some viewers break lines on
    expect(printableName('a\u2028b\u2029c')).not.toMatch(/[\u2028\u2029]/);
  });

  it('caps a 10 KB name and says how long it was', () => {
    const shown = printableName('x'.repeat(10 * 1024));
    expect(shown.length).toBeLessThan(200);
    expect(shown).toContain('10240');
  });

  it('caps a long name of control characters too', () => {
    const shown = printableName('\x01'.repeat(10 * 1024));
    expect(shown.length).toBeLessThan(1000);
    expect(shown).not.toMatch(/\p{Cc}/u);
  });

  it('never produces a lone surrogate when cutting', () => {
    const shown = printableName(`a${'😀'.repeat(100)}`);
    expect(shown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('prints non-string values without throwing', () => {
    expect(printableName(42)).toBe('"42"');
  });
});

describe('validateProcessName and printableName: exact answers', () => {
  it('says NULL for undefined too, and "not text" for other types', () => {
    expect(validateProcessName(undefined)).toEqual({ ok: false, reason: 'no name (NULL)' });
    expect(validateProcessName(42)).toEqual({ ok: false, reason: 'not text' });
  });

  it('shows 80 characters in full and cuts from 81 on, saying how long it was', () => {
    expect(printableName('x'.repeat(80))).toBe(`"${'x'.repeat(80)}"`);
    expect(printableName('x'.repeat(81))).toBe(`"${'x'.repeat(80)}…" (81 characters)`);
  });

  it('writes DEL and C1 characters as \\u00XX escapes', () => {
    expect(printableName('a\x7fb\u009bc\u2028')).toBe('"a\\u007fb\\u009bc\\u2028"');
  });
});
