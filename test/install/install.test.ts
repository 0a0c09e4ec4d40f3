// scripts/install.sh and scripts/uninstall.sh against a temporary DESTDIR: every
// file with its mode and owner, idempotence, the config.ini never overwritten,
// uninstall keeping only the configuration.
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReasonOrFail } from '../support/skipRule.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { REPO_ROOT, describeTree, ensureBuilt, octal, packageBins, packageNodeFlags, runScript, sha256, type Entry } from './installTree.js';

const execFileAsync = promisify(execFile);

const APP = 'opt/monitor_service';
const UNIT = 'etc/systemd/system/monitor_service.service';
const MAN = 'usr/share/man/man8/monitor_service.8';
const BIN = 'usr/local/bin';
// The privileged paths need root; in CI not being root is a failure, not a skip.
const notRootReason = skipReasonOrFail('root', process.getuid?.() === 0 ? undefined : 'not running as root (run the tests with sudo)');

describe('scripts/install.sh into a DESTDIR', () => {
  let destdir: string;
  let bins: Record<string, string>;
  let nodeFlags: Record<string, string[]>;
  let tree: Map<string, Entry>;

  beforeAll(async () => {
    await ensureBuilt();
    bins = await packageBins();
    nodeFlags = await packageNodeFlags();
    expect(nodeFlags.monitor_service?.length).toBeGreaterThan(0);
    destdir = await makeTempDir('monitor-install-');
    const result = await runScript('install.sh', destdir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    tree = await describeTree(destdir);
  }, 300_000);

  afterAll(async () => {
    if (destdir) await removeTempDir(destdir);
  });

  function entry(rel: string): Entry {
    const e = tree.get(rel);
    if (!e) throw new Error(`${rel} was not installed`);
    return e;
  }

  function expectInstalled(rel: string, type: Entry['type'], mode: number): void {
    const e = entry(rel);
    expect({ rel, type: e.type, mode: octal(e.mode) }).toEqual({ rel, type, mode: octal(mode) });
  }

  it('installs the app directory, its parts and a 600 config.ini from the template', async () => {
    expectInstalled(APP, 'dir', 0o755);
    for (const dir of ['dist', 'node_modules', 'sql']) expectInstalled(`${APP}/${dir}`, 'dir', 0o755);
    expectInstalled(`${APP}/package.json`, 'file', 0o644);
    expectInstalled(`${APP}/sql/setup.sql`, 'file', 0o644);
    for (const target of Object.values(bins)) expectInstalled(path.posix.join(APP, target), 'file', 0o644);
    expectInstalled(`${APP}/config.ini`, 'file', 0o600);
    expect(entry(`${APP}/config.ini`).content).toBe(await sha256(path.join(REPO_ROOT, 'config.ini.example')));
    expect(tree.has(`${APP}/config.ini.new`)).toBe(false);
    expect(entry(`${APP}/sql/setup.sql`).content).toBe(await sha256(path.join(REPO_ROOT, 'sql/setup.sql')));
  });

  it('installs the unit file and the man pages, 644, unchanged', async () => {
    expectInstalled(UNIT, 'file', 0o644);
    expect(entry(UNIT).content).toBe(await sha256(path.join(REPO_ROOT, 'monitor_service.service')));
    expectInstalled(MAN, 'file', 0o644);
    expect(entry(MAN).content).toBe(await sha256(path.join(REPO_ROOT, 'man/monitor_service.8')));
    for (const page of ['test-alarm.8', 'simple-test.8']) {
      expectInstalled(`usr/share/man/man8/${page}`, 'file', 0o644);
      expect(entry(`usr/share/man/man8/${page}`).content).toBe(await sha256(path.join(REPO_ROOT, 'man', page)));
    }
  });

  it('installs bash completion under each command name', async () => {
    for (const command of ['monitor_service', 'test-alarm', 'simple-test']) {
      expectInstalled(`usr/share/bash-completion/completions/${command}`, 'file', 0o644);
      expect(entry(`usr/share/bash-completion/completions/${command}`).content).toBe(await sha256(path.join(REPO_ROOT, 'completion/monitor_service.bash')));
    }
  });

  it('puts an executable sh wrapper per package.json bin entry that execs node (with its nodeFlags) on the installed entry point', async () => {
    expect(Object.keys(bins).sort()).toEqual(['monitor_service', 'simple-test', 'test-alarm']);
    for (const [name, target] of Object.entries(bins)) {
      expectInstalled(`${BIN}/${name}`, 'file', 0o755);
      const text = await readFile(path.join(destdir, BIN, name), 'utf8');
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      // The agent runs with package.json's nodeFlags (README, Performance); the other commands with none.
      const flags = (nodeFlags[name] ?? []).map((flag) => `${flag} `).join('');
      expect(text).toMatch(new RegExp(`^exec /\\S+/node ${escapeRegExp(flags + path.posix.join('/opt/monitor_service', target))} "\\$@"$`, 'm'));
      await execFileAsync('sh', ['-n', path.join(destdir, BIN, name)]);
    }
  });

  it('owns everything by root and lets nobody else write to it', () => {
    const offenders = [...tree]
      .filter(([, e]) => e.type !== 'symlink')
      .filter(([, e]) => (notRootReason === undefined && (e.uid !== 0 || e.gid !== 0)) || (e.mode & 0o022) !== 0)
      .map(([rel, e]) => `${rel} ${octal(e.mode)} ${e.uid}:${e.gid}`);
    expect(offenders).toEqual([]);
  });

  it('ships the production dependencies and no development ones', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const modules = (name: string) => tree.has(`${APP}/node_modules/${name}`);
    expect(Object.keys(pkg.dependencies).filter((d) => !modules(d))).toEqual([]);
    // A devDependency may also be needed at run time (mysql2 depends on @types/node):
    // check the tool chain, which never is.
    expect(['typescript', 'vitest', 'vite', 'esbuild', 'rollup'].filter(modules)).toEqual([]);
    expect(modules('.bin')).toBe(false);
    // Every dependency loads from the installed tree alone.
    const appDir = path.join(destdir, APP);
    await execFileAsync(
      process.execPath,
      ['--input-type=module', '-e', 'for (const d of JSON.parse(process.argv[1])) await import(d);', JSON.stringify(Object.keys(pkg.dependencies))],
      { cwd: appDir },
    );
  });

  it('runs the installed daemon entry point (monitor_service --help) with nothing but the installed tree', async () => {
    const { stdout } = await execFileAsync(process.execPath, [path.join(destdir, APP, bins.monitor_service!), '--help'], {
      cwd: destdir,
      timeout: 30_000,
    });
    expect(stdout).toMatch(/--config/);
  });

  it('gives the same tree when run again', async () => {
    const again = await runScript('install.sh', destdir);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/kept .*config\.ini \(identical to the template\)/);
    expect(changedEntries(tree, await describeTree(destdir))).toEqual([]);
  });

  it('never overwrites a changed config.ini: the template goes beside it as config.ini.new (600)', async () => {
    const cfg = path.join(destdir, APP, 'config.ini');
    const local = `${await readFile(cfg, 'utf8')}\n; changed by the operator\n`;
    await writeFile(cfg, local);
    const result = await runScript('install.sh', destdir);
    expect(result.exitCode).toBe(0);
    expect(await readFile(cfg, 'utf8')).toBe(local);
    expect(octal((await stat(cfg)).mode & 0o777)).toBe('600');
    const fresh = path.join(destdir, APP, 'config.ini.new');
    expect(await sha256(fresh)).toBe(await sha256(path.join(REPO_ROOT, 'config.ini.example')));
    expect(octal((await stat(fresh)).mode & 0o777)).toBe('600');
    expect(result.stdout).toMatch(/config\.ini\.new/);
  });

  it('warns, without changing it, when an existing config.ini is readable by others', async () => {
    const cfg = path.join(destdir, APP, 'config.ini');
    await execFileAsync('chmod', ['644', cfg]);
    const result = await runScript('install.sh', destdir);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/config\.ini has mode 644/);
    expect(octal((await stat(cfg)).mode & 0o777)).toBe('644');
    await execFileAsync('chmod', ['600', cfg]);
  });

  it('uninstalls everything but config.ini and config.ini.new, and leaves foreign commands alone', async () => {
    const foreign = path.join(destdir, BIN, 'someone-elses-tool');
    await writeFile(foreign, '#!/bin/sh\necho hi\n', { mode: 0o755 });
    await mkdir(path.join(destdir, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
    await execFileAsync('ln', [
      '-s',
      '/etc/systemd/system/monitor_service.service',
      path.join(destdir, 'etc/systemd/system/multi-user.target.wants/monitor_service.service'),
    ]);

    const result = await runScript('uninstall.sh', destdir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/kept configuration/);

    const left = [...(await describeTree(destdir))]
      .filter(([, e]) => e.type !== 'dir')
      .map(([rel]) => rel)
      .sort();
    expect(left).toEqual([`${APP}/config.ini`, `${APP}/config.ini.new`, `${BIN}/someone-elses-tool`]);

    // Uninstalling again is a no-op, not an error.
    expect((await runScript('uninstall.sh', destdir)).exitCode).toBe(0);
  });
});

// As root, the non-root paths are reached by dropping privileges with setpriv.
describe.skipIf(notRootReason)('scripts/install.sh as an unprivileged user', () => {
  const NOBODY = 65534;
  // The checkout may sit where nobody cannot read it (/root/...): nobody runs a
  // world-readable copy of what install.sh reads.
  let checkout: string;
  beforeAll(async () => {
    await ensureBuilt();
    checkout = await makeTempDir('monitor-install-checkout-');
    await execFileAsync('chmod', ['755', checkout]);
    const parts = [
      'scripts',
      'package.json',
      'package-lock.json',
      'config.ini.example',
      'monitor_service.service',
      'man',
      'completion',
      'sql',
      'dist',
      'node_modules',
    ];
    await execFileAsync('cp', ['-R', ...parts.map((p) => path.join(REPO_ROOT, p)), checkout]);
    await execFileAsync('chmod', ['-R', 'a+rX', checkout]);
  }, 120_000);
  afterAll(async () => {
    if (checkout) await removeTempDir(checkout);
  });

  const asNobody = (script: string, env: NodeJS.ProcessEnv) =>
    execFileAsync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', path.join(checkout, 'scripts', script)], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ exitCode: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('refuses to install into the live system, before touching anything', async () => {
    const result = await asNobody('install.sh', { DESTDIR: '' });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/run as root/);
    expect(result.stdout).toBe('');
  });

  it('installs into a DESTDIR it owns, without chown, with the same modes', async () => {
    const destdir = await makeTempDir('monitor-install-user-');
    const home = await makeTempDir('monitor-install-home-');
    try {
      await execFileAsync('chown', [`${NOBODY}:${NOBODY}`, destdir, home]);
      const result = await asNobody('install.sh', { DESTDIR: destdir, HOME: home, npm_config_cache: path.join(home, 'npm') });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const tree = await describeTree(destdir);
      const notNobody = [...tree].filter(([, e]) => e.uid !== NOBODY).map(([rel]) => rel);
      expect(notNobody).toEqual([]);
      expect(octal(tree.get(`${APP}/config.ini`)!.mode)).toBe('600');
      expect(octal(tree.get(`${BIN}/monitor_service`)!.mode)).toBe('755');
      expect((await asNobody('uninstall.sh', { DESTDIR: destdir, HOME: home })).exitCode).toBe(0);
    } finally {
      await removeTempDir(destdir);
      await removeTempDir(home);
    }
  });
});

// The live-system path (no DESTDIR: chown, daemon-reload, disable --now, mandb),
// run for real but in a private mount namespace: tmpfs over every target
// directory, and over /run/systemd so that a /run/systemd/system there makes
// the scripts believe systemd runs (never created on the host). systemctl and
// mandb are stubs on PATH that record their arguments.
describe.skipIf(notRootReason)('scripts/install.sh and uninstall.sh on the live system (private mount namespace)', () => {
  let stubs: string;
  beforeAll(async () => {
    await ensureBuilt();
    stubs = await makeTempDir('monitor-install-stubs-');
    for (const tool of ['systemctl', 'mandb']) {
      await writeFile(path.join(stubs, tool), `#!/bin/sh\necho "${tool} $*" >> ${stubs}/calls\n[ "$1" = is-active ] && exit 3\nexit 0\n`, { mode: 0o755 });
    }
  });
  afterAll(async () => {
    if (stubs) await removeTempDir(stubs);
  });

  it('installs to the real paths, reloads systemd, and uninstall stops and disables the service first', async () => {
    const script = `
      set -euo pipefail
      # 2775: a mode the scripts would never set, to see they leave system directories alone.
      mkdir -p /usr/share/bash-completion/completions
      for d in /opt /usr/local/bin /etc/systemd/system /usr/share/man/man8 /usr/share/bash-completion/completions /run/systemd; do mount -t tmpfs -o mode=2775 tmpfs "$d"; done
      mkdir /run/systemd/system
      export PATH=${stubs}:$PATH
      scripts/install.sh > ${stubs}/install.out
      echo "--- installed" >> ${stubs}/calls
      find /opt/monitor_service /usr/local/bin /etc/systemd/system /usr/share/man/man8 /usr/share/bash-completion/completions -maxdepth 1 -printf '%m %u:%g %p\n' | sort -k3 > ${stubs}/tree
      scripts/uninstall.sh > ${stubs}/uninstall.out
      find /opt /usr/local/bin /etc/systemd/system /usr/share/man/man8 /usr/share/bash-completion/completions -mindepth 1 -printf '%p\n' | sort > ${stubs}/left
    `;
    await execFileAsync('unshare', ['--mount', '--propagation', 'private', 'bash', '-c', script], { cwd: REPO_ROOT, timeout: 120_000 });

    const read = (name: string) => readFile(path.join(stubs, name), 'utf8');
    expect((await read('calls')).trim().split('\n')).toEqual([
      'systemctl daemon-reload',
      'systemctl is-active --quiet monitor_service.service',
      'mandb -q',
      '--- installed',
      'systemctl disable --now monitor_service.service',
      'systemctl daemon-reload',
      'mandb -q',
    ]);
    expect((await read('tree')).trim().split('\n')).toEqual([
      '2775 root:root /etc/systemd/system',
      '644 root:root /etc/systemd/system/monitor_service.service',
      '755 root:root /opt/monitor_service',
      '600 root:root /opt/monitor_service/config.ini',
      '755 root:root /opt/monitor_service/dist',
      '755 root:root /opt/monitor_service/node_modules',
      '644 root:root /opt/monitor_service/package.json',
      '755 root:root /opt/monitor_service/sql',
      '2775 root:root /usr/local/bin',
      '755 root:root /usr/local/bin/monitor_service',
      '755 root:root /usr/local/bin/simple-test',
      '755 root:root /usr/local/bin/test-alarm',
      '2775 root:root /usr/share/bash-completion/completions',
      '644 root:root /usr/share/bash-completion/completions/monitor_service',
      '644 root:root /usr/share/bash-completion/completions/simple-test',
      '644 root:root /usr/share/bash-completion/completions/test-alarm',
      '2775 root:root /usr/share/man/man8',
      '644 root:root /usr/share/man/man8/monitor_service.8',
      '644 root:root /usr/share/man/man8/simple-test.8',
      '644 root:root /usr/share/man/man8/test-alarm.8',
    ]);
    expect(await read('install.out')).toMatch(/Next steps:/);
    expect((await read('left')).trim().split('\n')).toEqual(['/opt/monitor_service', '/opt/monitor_service/config.ini']);
  });
});

/** Paths added, removed or different (type, mode, owner, content) between two trees. */
function changedEntries(before: Map<string, Entry>, after: Map<string, Entry>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => JSON.stringify(before.get(p)) !== JSON.stringify(after.get(p))).sort();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
