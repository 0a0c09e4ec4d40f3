// The shipped unit file: `systemd-analyze verify` finds nothing to report, and
// the settings the agent's behaviour depends on are there.
import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../support/mariadbServer.js';
import { skipReasonOrFail } from '../support/skipRule.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { REPO_ROOT, ensureBuilt, runScript } from './installTree.js';

const execFileAsync = promisify(execFile);
const UNIT_SOURCE = path.join(REPO_ROOT, 'monitor_service.service');

const analyze = await findExecutable('systemd-analyze');
const skipReason = skipReasonOrFail('systemd-analyze', analyze ? undefined : 'systemd-analyze not found (Debian package systemd)');

describe.skipIf(skipReason)('monitor_service.service under systemd-analyze verify', () => {
  let destdir: string;
  let scratch: string;

  beforeAll(async () => {
    await ensureBuilt();
    destdir = await makeTempDir('monitor-unit-');
    scratch = await makeTempDir('monitor-unit-verify-');
    const result = await runScript('install.sh', destdir);
    expect(result.exitCode, result.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    if (destdir) await removeTempDir(destdir);
    if (scratch) await removeTempDir(scratch);
  });

  // verify checks that ExecStart's program exists and is executable, and that
  // `man monitor_service(8)` finds the page. Both are checked against what
  // install.sh put into the DESTDIR: the only change to the installed unit is
  // the DESTDIR prefix on ExecStart (verify's --root would instead need a
  // complete systemd tree: sysinit.target, /bin/kill, ...).
  it('reports nothing for the installed unit', async () => {
    const installed = await readFile(path.join(destdir, 'etc/systemd/system/monitor_service.service'), 'utf8');
    const wrapper = path.join(destdir, 'usr/local/bin/monitor_service');
    const rewritten = installed.replace(/^ExecStart=\/usr\/local\/bin\/monitor_service /m, `ExecStart=${wrapper} `);
    expect(rewritten).not.toBe(installed);
    const unit = path.join(scratch, 'monitor_service.service');
    await writeFile(unit, rewritten);

    const haveMan = Boolean(await findExecutable('man'));
    const args = ['verify', ...(haveMan ? [] : ['--man=no']), unit];
    const result = await execFileAsync(analyze!, args, {
      cwd: scratch,
      env: { ...process.env, MANPATH: path.join(destdir, 'usr/share/man'), SYSTEMD_LOG_LEVEL: 'notice' },
    }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, output: stdout + stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ exitCode: e.code, output: e.stdout + e.stderr }),
    );
    expect(result).toEqual({ exitCode: 0, output: '' });
  });

  it('fails verification when ExecStart points nowhere (the check is real)', async () => {
    const unit = path.join(scratch, 'monitor_service.service');
    await copyFile(UNIT_SOURCE, unit);
    const broken = (await readFile(unit, 'utf8')).replace(/^ExecStart=\S+/m, 'ExecStart=/nonexistent/monitor_service');
    await writeFile(unit, broken);
    await expect(execFileAsync(analyze!, ['verify', '--man=no', unit], { cwd: scratch })).rejects.toMatchObject({
      stderr: expect.stringMatching(/is not executable/) as unknown,
    });
  });
});

describe('monitor_service.service settings', () => {
  let unit: Map<string, string[]>;

  beforeAll(async () => {
    unit = parseUnit(await readFile(UNIT_SOURCE, 'utf8'));
  });

  const value = (key: string) => unit.get(key) ?? [];

  it('starts the installed wrapper with the installed config', () => {
    expect(value('Service.ExecStart')).toEqual(['/usr/local/bin/monitor_service --config /opt/monitor_service/config.ini']);
    // Reload checks the file first, then signals: a refused file never reaches the agent.
    expect(value('Service.ExecReload')).toEqual([
      "/bin/sh -c 'exec /usr/local/bin/monitor_service --config /opt/monitor_service/config.ini --check-config >/dev/null'",
      '/bin/kill -HUP $MAINPID',
    ]);
    expect(value('Unit.Documentation')).toEqual(['man:monitor_service(8)']);
  });

  it('waits for the network and a local database server', () => {
    const after = value('Unit.After').join(' ').split(/\s+/);
    for (const u of ['network-online.target', 'mysqld.service', 'mysql.service', 'mariadb.service']) expect(after).toContain(u);
    expect(value('Unit.Wants').join(' ')).toContain('network-online.target');
  });

  it('restarts on failure, but not after a configuration error (exit 78)', () => {
    expect(value('Service.Restart')).toEqual(['on-failure']);
    expect(value('Service.RestartSec')).toEqual(['5']);
    expect(value('Service.RestartPreventExitStatus')).toEqual(['78']);
  });

  it('gives the 30 s drain time to finish before SIGKILL', () => {
    expect(Number(value('Service.TimeoutStopSec')[0])).toBeGreaterThan(30);
  });

  it('logs to the journal and keeps /var/log writable', () => {
    expect(value('Service.StandardOutput')).toEqual(['journal']);
    expect(value('Service.ReadWritePaths').join(' ')).toMatch(/\/var\/log/);
  });

  // Processes the `process` strategy starts inherit the agent's sandbox (they
  // are forked by it into a scope), so it must not get in their way either.
  it('does not use sandboxing that would stop it, its commands or the daemons it starts from working as root', () => {
    for (const key of [
      'User',
      'DynamicUser',
      'NoNewPrivileges',
      'PrivateTmp',
      'ProtectHome',
      'ProtectHostname',
      'PrivateNetwork',
      'CapabilityBoundingSet',
      'SystemCallFilter',
      'MemoryDenyWriteExecute',
      'ProtectClock',
      'PrivateDevices',
      'RestrictAddressFamilies',
    ]) {
      expect({ key, value: value(`Service.${key}`) }).toEqual({ key, value: [] });
    }
    expect(value('Service.ProtectSystem')).not.toContain('strict');
  });

  it('is enabled into multi-user.target', () => {
    expect(value('Install.WantedBy')).toEqual(['multi-user.target']);
  });
});

/** "Section.Key" → values, in order; comments and blank lines dropped. */
function parseUnit(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    const key = `${section}.${line.slice(0, eq)}`;
    out.set(key, [...(out.get(key) ?? []), line.slice(eq + 1)]);
  }
  return out;
}
