// [watch.NAME] sections: every key resolved over its default, and what each
// type needs checked at load, each problem naming section, key and value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/ConfigError.js';
import { flattenSections } from '../../src/config/flattenSections.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { validateConfig } from '../../src/config/validateConfig.js';
import { parseAddress } from '../../src/config/watchProblems.js';

function validate(text: string) {
  return validateConfig(flattenSections(ini.parse(text)));
}

describe('[watch.NAME] sections', () => {
  it('resolves a log watch over the built-in defaults', () => {
    const { config, problems } = validate('[watch.crasher_app]\ntype = log\nfile = /root/crasher.log\npattern = ERROR\npattern_expiration = 5\n');
    expect(problems).toEqual([]);
    expect(config.watches).toEqual({
      crasher_app: {
        type: 'log',
        watch_interval: 10,
        for_cycles: 1,
        file: '/root/crasher.log',
        pattern: 'ERROR',
        pattern_expiration: 5,
        command: '',
        url: '',
        address: '',
        timeout: 5,
        min_uptime: 10,
      },
    });
    expect(config.warnings).toEqual([]);
  });

  it('watches that a process runs when no type is given', () => {
    expect(validate('[watch.nginx]\n').config.watches.nginx?.type).toBe('process');
  });

  it('refuses an unknown type, naming section, key and value', () => {
    const { problems } = validate('[watch.nginx]\ntype = ping\n');
    expect(problems).toEqual([
      { section: 'watch.nginx', key: 'type', value: 'ping', expected: 'one of process, systemd, supervisor, svstat, log, command, http, tcp' },
    ]);
  });

  it('refuses an invalid regular expression', () => {
    const { problems } = validate('[watch.app]\ntype = log\nfile = /var/log/app.log\npattern = ERROR(\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ section: 'watch.app', key: 'pattern', value: 'ERROR(' });
    expect(problems[0]?.expected).toMatch(/^a regular expression \(/);
  });

  it('lists what each type needs and lacks', () => {
    const { problems } = validate(
      [
        '[watch.a]',
        'type = log',
        '[watch.b]',
        'type = command',
        'pattern = die',
        '[watch.c]',
        'type = http',
        'url = ftp://x',
        '[watch.d]',
        'type = tcp',
        'address = localhost',
      ].join('\n'),
    );
    expect(problems.map((p) => `[${p.section}] ${p.key} = ${p.value}`)).toEqual([
      '[watch.a] file = ',
      '[watch.a] pattern = ',
      '[watch.b] command = ',
      '[watch.c] url = ftp://x',
      '[watch.d] address = localhost',
    ]);
    expect(problems[0]!.expected).toBe('the log file to read (an absolute path) (type = log needs one)');
  });

  it('refuses a relative log file and a name that is no process name', () => {
    const { problems } = validate('[watch.a]\ntype = log\nfile = crasher.log\npattern = ERROR\n[watch.bad$name]\n');
    expect(problems.map((p) => `${p.section} ${p.key}`)).toEqual(['watch.a file', 'watch.bad$name ']);
  });

  it('warns about keys the type does not read', () => {
    const { config, problems } = validate('[watch.web]\ntype = process\nfile = /var/log/x\n');
    expect(problems).toEqual([]);
    expect(config.warnings).toEqual(['[watch.web] file: not read by type = process, ignored']);
  });

  it('is a ConfigError at load (exit status 78 in the CLI)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'watchcfg-'));
    const file = path.join(dir, 'config.ini');
    writeFileSync(file, '[watch.nginx]\ntype = ping\n');
    expect(() => loadConfig(file, {}, { untrustedPath: () => undefined })).toThrow(ConfigError);
    expect(() => loadConfig(file, {}, { untrustedPath: () => undefined })).toThrow(/\[watch\.nginx\] type = "ping": expected one of process, systemd/);
  });
});

describe('parseAddress', () => {
  it('reads HOST:PORT and [IPv6]:PORT, the port from 1 to 65535', () => {
    expect(parseAddress('127.0.0.1:3306')).toEqual({ host: '127.0.0.1', port: 3306 });
    expect(parseAddress('db.example:5432')).toEqual({ host: 'db.example', port: 5432 });
    expect(parseAddress('[::1]:80')).toEqual({ host: '::1', port: 80 });
    for (const bad of ['localhost', ':80', 'x:0', 'x:65536', 'x:y', '::1:80']) expect(parseAddress(bad), bad).toBeUndefined();
  });
});
