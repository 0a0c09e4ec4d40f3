// Seeing from the files alone that supervisord is not running, so that auto need not start
// supervisorctl (a Python program) for every alarm. Whenever in doubt: undefined, ask it.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSearchPaths, findOnPath, plainlyUnreachable, unixSocketOf } from '../../../src/restart/strategies/supervisordSocket.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

// The [unix_http_server] and [supervisorctl] sections of Debian 12's /etc/supervisor/supervisord.conf.
const DEBIAN_CONF = `; supervisor config file

[unix_http_server]
file=/var/run/supervisor.sock   ; (the path to the socket file)
chmod=0700                       ; sockef file mode (default 0700)

[supervisorctl]
serverurl=unix:///var/run/supervisor.sock ; use a unix:// URL  for a unix socket

[include]
files = /etc/supervisor/conf.d/*.conf
`;

describe('unixSocketOf', () => {
  it("reads Debian's configuration: the socket, its comment dropped", () => {
    expect(unixSocketOf(DEBIAN_CONF)).toBe('/var/run/supervisor.sock');
  });

  it('accepts the other ConfigParser spellings: "key: value", "key = value", any case of the key', () => {
    expect(unixSocketOf('[supervisorctl]\nserverurl: unix:///run/s.sock\n')).toBe('/run/s.sock');
    expect(unixSocketOf('[supervisorctl]\nServerURL = unix:///run/s.sock # there\n')).toBe('/run/s.sock');
    expect(unixSocketOf('[supervisorctl]\nserverurl=unix:///run/x/../s.sock\n')).toBe('/run/s.sock');
  });

  it.each([
    ['no [supervisorctl] section', '[unix_http_server]\nfile=/run/s.sock\n'],
    ['serverurl in another section', '[supervisord]\nserverurl=unix:///run/s.sock\n[supervisorctl]\n'],
    ['no serverurl (supervisorctl then uses http://localhost:9001)', '[supervisorctl]\nusername=a\n'],
    ['an http URL', '[supervisorctl]\nserverurl=http://127.0.0.1:9001\n'],
    ['an expansion', '[supervisorctl]\nserverurl=unix://%(here)s/s.sock\n'],
    ['an environment expansion', '[supervisorctl]\nserverurl=unix://%(ENV_HOME)s/s.sock\n'],
    ['a relative path', '[supervisorctl]\nserverurl=unix://s.sock\n'],
    ['the key twice', '[supervisorctl]\nserverurl=unix:///run/a.sock\n[supervisorctl]\nserverurl=unix:///run/b.sock\n'],
    ['a value continued on the next line', '[supervisorctl]\nserverurl=unix:///run/a.sock\n  /more\n'],
  ])('gives undefined for %s', (_, text) => {
    expect(unixSocketOf(text)).toBeUndefined();
  });
});

describe('configSearchPaths', () => {
  it("is supervisorctl's own order, from its installation, then / (the agent's working directory for it), then /etc", () => {
    expect(configSearchPaths('/usr/bin/supervisorctl')).toEqual([
      '/usr/etc/supervisord.conf',
      '/usr/supervisord.conf',
      '/supervisord.conf',
      '/etc/supervisord.conf',
      '/etc/supervisord.conf',
      '/etc/supervisor/supervisord.conf',
    ]);
    expect(configSearchPaths('/opt/venv/bin/supervisorctl')[0]).toBe('/opt/venv/etc/supervisord.conf');
  });
});

describe('plainlyUnreachable and findOnPath (real files)', () => {
  let dir: string;
  let bin: string;
  beforeAll(async () => {
    dir = await makeTempDir('monitor-supsock-');
    bin = path.join(dir, 'install', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'supervisorctl'), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(bin, 'supervisorctl'), 0o755);
  });
  afterAll(() => removeTempDir(dir));

  function conf(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  it('finds a program on PATH, skipping relative and missing directories', () => {
    expect(findOnPath('supervisorctl', `relative:${path.join(dir, 'none')}:${bin}`)).toBe(path.join(bin, 'supervisorctl'));
    expect(findOnPath('supervisorctl', path.join(dir, 'none'))).toBeUndefined();
    expect(findOnPath('supervisorctl', undefined)).toBeUndefined();
  });

  it('says supervisorctl is not installed when PATH has none', () => {
    expect(plainlyUnreachable('', path.join(dir, 'none'))).toEqual({ kind: 'not-installed', said: 'supervisorctl is not installed (not found on PATH)' });
  });

  it("says what supervisorctl would say when the configuration's socket does not exist", () => {
    const socket = path.join(dir, 'gone.sock');
    const file = conf('gone.conf', `[supervisorctl]\nserverurl=unix://${socket}\n`);
    expect(plainlyUnreachable(file, bin)).toEqual({ kind: 'unreachable', said: `unix://${socket} no such file` });
  });

  it('leaves it to supervisorctl when the socket exists, or the file says something else', () => {
    const socket = conf('present.sock', '');
    expect(plainlyUnreachable(conf('present.conf', `[supervisorctl]\nserverurl=unix://${socket}\n`), bin)).toBeUndefined();
    expect(plainlyUnreachable(conf('http.conf', '[supervisorctl]\nserverurl=http://127.0.0.1:9001\n'), bin)).toBeUndefined();
    expect(plainlyUnreachable(path.join(dir, 'missing.conf'), bin)).toBeUndefined();
  });

  it("without supervisor_config, reads the file supervisorctl's own search finds first", () => {
    // Beside the installation: <install>/etc/supervisord.conf comes before /etc.
    mkdirSync(path.join(dir, 'install', 'etc'));
    const socket = path.join(dir, 'beside.sock');
    writeFileSync(path.join(dir, 'install', 'etc', 'supervisord.conf'), `[supervisorctl]\nserverurl=unix://${socket}\n`);
    expect(plainlyUnreachable('', bin)).toEqual({ kind: 'unreachable', said: `unix://${socket} no such file` });
  });
});
