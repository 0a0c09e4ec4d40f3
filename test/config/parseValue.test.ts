import { describe, expect, it } from 'vitest';
import { parseValue } from '../../src/config/parseValue.js';
import type { KeySpec } from '../../src/config/schema.js';

const integer: KeySpec = { key: 'port', type: 'integer', default: '3306', min: 1, max: 65535, description: '' };
const number: KeySpec = { key: 'check_interval', type: 'number', default: '300', min: 0.1, max: 86400, description: '' };
const atLeast: KeySpec = { key: 'x', type: 'integer', default: '1', min: 1, description: '' };
const level: KeySpec = { key: 'level', type: 'enum', default: 'INFO', choices: ['DEBUG', 'INFO', 'WARNING', 'ERROR'], description: '' };
const text: KeySpec = { key: 'host', type: 'string', default: '', description: '' };
const command: KeySpec = { key: 'start_command', type: 'command', default: '', description: '' };
const dirPath: KeySpec = { key: 'service_dir', type: 'path', default: '', description: '' };

describe('parseValue', () => {
  it('reads whole numbers inside the range, trimming spaces', () => {
    expect(parseValue(integer, '3306')).toEqual({ ok: true, value: 3306 });
    expect(parseValue(integer, '  1 ')).toEqual({ ok: true, value: 1 });
    expect(parseValue(integer, '65535')).toEqual({ ok: true, value: 65535 });
  });

  it('rejects whole numbers outside the range and says the range', () => {
    expect(parseValue(integer, '0')).toEqual({ ok: false, expected: 'a whole number from 1 to 65535' });
    expect(parseValue(integer, '65536')).toEqual({ ok: false, expected: 'a whole number from 1 to 65535' });
    expect(parseValue(integer, '-5')).toEqual({ ok: false, expected: 'a whole number from 1 to 65535' });
    expect(parseValue(atLeast, '0')).toEqual({ ok: false, expected: 'a whole number of at least 1' });
  });

  it.each(['abc', '3.5', '1e3', '0x10', '', '12abc', 'Infinity', '3 306'])('rejects %j as a whole number', (raw) => {
    const result = parseValue(integer, raw);
    expect(result.ok).toBe(false);
  });

  it('reads fractional numbers', () => {
    expect(parseValue(number, '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseValue(number, '.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseValue(number, '300')).toEqual({ ok: true, value: 300 });
    expect(parseValue(number, '2.')).toEqual({ ok: true, value: 2 });
  });

  it.each(['NaN', 'Infinity', '1e2', '-', '.', 'five', '0.05', '86400.5', '-1'])('rejects %j as a number in range', (raw) => {
    const result = parseValue(number, raw);
    expect(result).toEqual({ ok: false, expected: 'a number from 0.1 to 86400' });
  });

  it('matches enum choices case-insensitively and returns the canonical spelling', () => {
    expect(parseValue(level, 'warning')).toEqual({ ok: true, value: 'WARNING' });
    expect(parseValue(level, ' Debug ')).toEqual({ ok: true, value: 'DEBUG' });
  });

  it('rejects an unknown enum value listing the choices', () => {
    expect(parseValue(level, 'WARN')).toEqual({ ok: false, expected: 'one of DEBUG, INFO, WARNING, ERROR' });
    expect(parseValue(level, '')).toEqual({ ok: false, expected: 'one of DEBUG, INFO, WARNING, ERROR' });
  });

  it('keeps strings and commands as trimmed text, %s and quotes included', () => {
    expect(parseValue(text, '  db.example.org ')).toEqual({ ok: true, value: 'db.example.org' });
    expect(parseValue(command, "mysqladmin -u root -p'password' ping")).toEqual({
      ok: true,
      value: "mysqladmin -u root -p'password' ping",
    });
    expect(parseValue(command, 'pgrep %s')).toEqual({ ok: true, value: 'pgrep %s' });
    expect(parseValue(text, '')).toEqual({ ok: true, value: '' });
  });

  it('reads a path: absolute, or empty for none', () => {
    const file: KeySpec = { key: 'supervisor_config', type: 'path', default: '', description: '' };
    expect(parseValue(file, ' /etc/supervisor/supervisord.conf ')).toEqual({ ok: true, value: '/etc/supervisor/supervisord.conf' });
    expect(parseValue(file, '')).toEqual({ ok: true, value: '' });
    const expected = 'an absolute path (starting with /), or nothing';
    expect(parseValue(file, 'supervisord.conf')).toEqual({ ok: false, expected });
    expect(parseValue(file, './etc/supervisord.conf')).toEqual({ ok: false, expected });
    expect(parseValue(file, '/etc/a\nb')).toEqual({ ok: false, expected });
  });

  it('rejects text spanning lines or holding NUL', () => {
    expect(parseValue(command, 'echo a\nrm -rf /')).toEqual({ ok: false, expected: 'a single line of text' });
    expect(parseValue(text, 'a\rb')).toEqual({ ok: false, expected: 'a single line of text' });
    expect(parseValue(text, 'a\0b')).toEqual({ ok: false, expected: 'a single line of text' });
  });
});

describe('parseValue: paths', () => {
  it('takes an absolute path, trimmed, or nothing', () => {
    expect(parseValue(dirPath, ' /etc/service ')).toEqual({ ok: true, value: '/etc/service' });
    expect(parseValue(dirPath, '')).toEqual({ ok: true, value: '' });
  });

  it.each(['etc/service', './service', '~/service', '/etc\nservice'])('refuses %j', (raw) => {
    expect(parseValue(dirPath, raw)).toEqual({ ok: false, expected: 'an absolute path (starting with /), or nothing' });
  });
});

describe('parseValue: edges', () => {
  it('says no range for a spec without bounds', () => {
    const unbounded: KeySpec = { key: 'y', type: 'number', default: '1', description: '' };
    expect(parseValue(unbounded, 'many')).toEqual({ ok: false, expected: 'a number' });
    expect(parseValue(unbounded, '-5')).toEqual({ ok: true, value: -5 });
  });

  it('reads numbers with several digits on either side of the point', () => {
    expect(parseValue(number, '12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseValue(number, '.25')).toEqual({ ok: true, value: 0.25 });
  });
});
