import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { flattenSections } from '../../src/config/flattenSections.js';

describe('flattenSections', () => {
  it('undoes the nesting ini applies to dotted section names', () => {
    const parsed = ini.parse('[process.php-fpm7.4]\nmax_attempts = 3\n[process.default]\nrestart_delay = 1\n[database]\nhost = h\n');
    expect(flattenSections(parsed)).toEqual({
      'process.php-fpm7.4': { max_attempts: '3' },
      'process.default': { restart_delay: '1' },
      database: { host: 'h' },
    });
  });

  it('keeps a section and its dotted child apart', () => {
    const parsed = ini.parse('[process.php-fpm7]\nmax_attempts = 1\n[process.php-fpm7.4]\nmax_attempts = 2\n');
    expect(flattenSections(parsed)).toEqual({
      'process.php-fpm7': { max_attempts: '1' },
      'process.php-fpm7.4': { max_attempts: '2' },
    });
  });

  it('puts keys outside any section under the empty name', () => {
    expect(flattenSections({ stray: 'x', database: { host: 'h' } })).toEqual({ '': { stray: 'x' }, database: { host: 'h' } });
  });

  it('leaves non-string values (arrays, booleans) for the validator to judge', () => {
    expect(flattenSections({ database: { host: ['a', 'b'], user: true } })).toEqual({ database: { host: ['a', 'b'], user: true } });
  });
});
