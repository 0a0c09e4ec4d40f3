// smtp_password_file and webhook_secret_file: read like password_file, refused
// when someone other than root could change them, and their content never in
// an error.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/ConfigError.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { findUntrustedPath } from '../../src/fs/findUntrustedPath.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('[notify] secret files', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir('monitor-notifysecrets-');
  });

  afterEach(async () => {
    await removeTempDir(dir);
  });

  function configWith(notify: string): string {
    const file = path.join(dir, 'config.ini');
    writeFileSync(file, `[notify]\nwebhook_url = https://hooks.example.com/x\n${notify}\n`, { mode: 0o600 });
    return file;
  }

  it('reads the first line; a relative name from $CREDENTIALS_DIRECTORY', () => {
    const credentials = path.join(dir, 'creds');
    mkdirSync(credentials);
    writeFileSync(path.join(credentials, 'hook.key'), 'k3y\nignored\n', { mode: 0o600 });
    writeFileSync(path.join(dir, 'smtp.pass'), 'p4ss\n', { mode: 0o600 });
    const file = configWith(`webhook_secret_file = hook.key\nsmtp_password_file = ${path.join(dir, 'smtp.pass')}`);
    const config = loadConfig(file, { CREDENTIALS_DIRECTORY: credentials }, { untrustedPath: () => undefined });
    expect(config.notifySecrets).toEqual({ smtpPassword: 'p4ss', webhookSecret: 'k3y' });
  });

  it('a file others can change is refused (as root), naming section, key and file, not the secret', () => {
    const open = path.join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    writeFileSync(path.join(open, 'hook.key'), 'top-secret-key\n', { mode: 0o600 });
    const file = configWith(`webhook_secret_file = ${path.join(open, 'hook.key')}`);
    let error: unknown;
    try {
      loadConfig(file, {}, { untrustedPath: (p) => (p === file ? undefined : findUntrustedPath(p)) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(`[notify] webhook_secret_file = "${path.join(open, 'hook.key')}": expected a file that only root can change`);
    expect(message).not.toContain('top-secret-key');
  });

  it('a missing file is a config error that names it', () => {
    const file = configWith(`smtp_password_file = ${path.join(dir, 'nope')}`);
    expect(() => loadConfig(file, {}, { untrustedPath: () => undefined })).toThrow(
      /\[notify\] smtp_password_file = ".*nope": expected a readable file: cannot read/,
    );
  });
});
