// [web] web_password_file: read like the other secret files, refused when someone
// other than root could change it or when it is empty, and never printed.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { formatResolvedConfig } from '../../src/config/formatResolvedConfig.js';
import { findUntrustedPath } from '../../src/fs/findUntrustedPath.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('[web] web_password_file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('monitor-webpassword-');
  });
  afterEach(() => removeTempDir(dir));

  function configWith(passwordFile: string): string {
    const file = path.join(dir, 'config.ini');
    writeFileSync(file, `[web]\nlisten = 9312\nweb_user = ops\nweb_password_file = ${passwordFile}\n`, { mode: 0o600 });
    return file;
  }
  const rootOnly = (file: string) => (p: string) => (p === file ? undefined : findUntrustedPath(p));

  it('reads the first line, and --check-config shows the file, never the password', () => {
    const secret = path.join(dir, 'web.pass');
    writeFileSync(secret, 'hunter2-web\nignored\n', { mode: 0o600 });
    const file = configWith(secret);
    const config = loadConfig(file, {}, { untrustedPath: rootOnly(file) });
    expect(config.webPassword).toBe('hunter2-web');
    expect(config.web).toEqual({ listen: '9312', web_user: 'ops', web_password_file: secret });
    expect(formatResolvedConfig(config)).toContain(`[web]\nlisten = 9312\nweb_user = ops\nweb_password_file = ${secret}\n`);
    expect(formatResolvedConfig(config)).not.toContain('hunter2-web');
  });

  it('refuses a file that others could change, naming section, key and file but not the password', () => {
    const open = path.join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const secret = path.join(open, 'web.pass');
    writeFileSync(secret, 'top-secret-web\n', { mode: 0o600 });
    const file = configWith(secret);
    expect(() => loadConfig(file, {}, { untrustedPath: rootOnly(file) })).toThrow(
      `[web] web_password_file = "${secret}": expected a file that only root can change`,
    );
    try {
      loadConfig(file, {}, { untrustedPath: rootOnly(file) });
    } catch (error) {
      expect((error as Error).message).not.toContain('top-secret-web');
    }
  });

  it('refuses an empty password, and warns about a file others can read', () => {
    const empty = path.join(dir, 'empty.pass');
    writeFileSync(empty, '\n', { mode: 0o600 });
    const file = configWith(empty);
    expect(() => loadConfig(file, {}, { untrustedPath: rootOnly(file) })).toThrow(
      /\[web\] web_password_file = ".*empty\.pass": expected a file whose first line is the password \(this one is empty/,
    );
    const readable = path.join(dir, 'readable.pass');
    writeFileSync(readable, 'pw\n', { mode: 0o644 });
    const config = loadConfig(configWith(readable), {}, { untrustedPath: () => undefined });
    expect(config.warnings).toContain(`${readable} is readable by group or others (mode 644); it holds the password of [web] web_user: chmod 600 ${readable}`);
  });
});
