import { describe, expect, it } from 'vitest';
import { ConfigError, describeProblem } from '../../src/config/ConfigError.js';

const badInterval = { section: 'monitor', key: 'check_interval', value: 'soon', expected: 'a number of at least 0.1' };
const badSection = { section: 'process.-x', key: '', value: '-x', expected: 'a valid process name' };

describe('ConfigError', () => {
  it('names section, key, value and what was expected; a section-level problem has no key', () => {
    expect(describeProblem(badInterval)).toBe('[monitor] check_interval = "soon": expected a number of at least 0.1');
    expect(describeProblem(badSection)).toBe('[process.-x] = "-x": expected a valid process name');
  });

  it('one problem: singular, one line per problem, no warnings part', () => {
    const error = new ConfigError('/etc/m.ini', [badInterval]);
    expect(error.message).toBe('Invalid configuration in /etc/m.ini (1 problem):\n  - [monitor] check_interval = "soon": expected a number of at least 0.1');
    expect(error.name).toBe('ConfigError');
    expect(error.warnings).toEqual([]);
  });

  it('lists every problem, then the warnings, each on its own line', () => {
    const error = new ConfigError('/etc/m.ini', [badInterval, badSection], ['[monitor] colour: unknown key, ignored', 'second warning']);
    expect(error.message).toBe(
      'Invalid configuration in /etc/m.ini (2 problems):\n' +
        '  - [monitor] check_interval = "soon": expected a number of at least 0.1\n' +
        '  - [process.-x] = "-x": expected a valid process name\n' +
        'Warnings:\n' +
        '  - [monitor] colour: unknown key, ignored\n' +
        '  - second warning',
    );
  });
});
