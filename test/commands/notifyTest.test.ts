// `monitor_service notify-test` (the built CLI) against a real SMTP server, a
// real webhook and a command; and the [notify] secrets kept out of its output
// and out of --check-config.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_CLI, writeAgentConfig, type Sections } from '../support/agentProcess.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtpCapture.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { startWebhookCapture, type WebhookCapture } from '../support/webhookCapture.js';

describe('monitor_service notify-test', () => {
  let dir: string;
  let mail: SmtpCapture;
  let hook: WebhookCapture;
  const password = 'smtp-secret-31a7';
  const key = 'hook-secret-88c2';

  beforeEach(async () => {
    dir = await makeTempDir('monitor-notifytest-');
    mail = await startSmtpCapture({ auth: { user: 'agent', password } });
    hook = await startWebhookCapture();
  });

  afterEach(async () => {
    await mail.close();
    await hook.close();
    await removeTempDir(dir);
  });

  function config(notify: Sections[string]): string {
    writeFileSync(path.join(dir, 'smtp.pass'), `${password}\n`, { mode: 0o600 });
    writeFileSync(path.join(dir, 'hook.key'), `${key}\n`, { mode: 0o600 });
    return writeAgentConfig({
      dir,
      socket: '/nonexistent/mysqld.sock',
      database: 'unused',
      sections: {
        notify: {
          smtp_host: '127.0.0.1',
          smtp_port: mail.port,
          smtp_tls: 'none',
          smtp_user: 'agent',
          smtp_password_file: path.join(dir, 'smtp.pass'),
          email_from: 'agent@example.com',
          email_to: 'ops@example.com',
          webhook_url: hook.url,
          webhook_secret_file: path.join(dir, 'hook.key'),
          notify_command: `cat > ${path.join(dir, 'stdin.json')}`,
          ...notify,
        },
      },
    });
  }

  it('sends on every channel and prints what happened on each', async () => {
    const result = await execa(process.execPath, [AGENT_CLI, '--config', config({}), 'notify-test'], { reject: false });
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^email: sent \(accepted by 127\.0\.0\.1:\d+ for 1 recipient\(s\)\)$/),
      'webhook: sent (HTTP 200)',
      expect.stringMatching(/^command: sent \(exit status 0\)$/),
    ]);
    expect(result.exitCode).toBe(0);
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0]!.raw).toContain('this is a test notification');
    expect(JSON.parse(hook.requests[0]!.body)).toMatchObject({ text: expect.stringContaining('this is a test notification') as unknown });
    expect(JSON.parse(readFileSync(path.join(dir, 'stdin.json'), 'utf8'))).toMatchObject({ notifications: [{ kind: 'test' }] });
  });

  it('a channel that fails is named, with why, exit 1; the secrets appear nowhere', async () => {
    hook.answer = 500;
    writeFileSync(path.join(dir, 'wrong.pass'), 'not-the-password\n', { mode: 0o600 });
    const file = config({ smtp_password_file: path.join(dir, 'wrong.pass') });
    const result = await execa(process.execPath, [AGENT_CLI, '--config', file, 'notify-test'], { reject: false, all: true });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^email: FAILED: Invalid login/m);
    expect(result.stdout).toMatch(/^webhook: FAILED: webhook answered HTTP 500$/m);
    expect(result.all).not.toContain('not-the-password');
    expect(result.all).not.toContain(key);
  });

  it('--check-config shows the secret files, never the secrets', async () => {
    const result = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', config({})], { reject: false, all: true });
    expect(result.all).toContain(`smtp_password_file = ${path.join(dir, 'smtp.pass')}`);
    expect(result.all).not.toContain(password);
    expect(result.all).not.toContain(key);
  });

  it('no channel configured: says so, exit 78', async () => {
    const file = config({ smtp_host: '', webhook_url: '', notify_command: '' });
    const result = await execa(process.execPath, [AGENT_CLI, '--config', file, 'notify-test'], { reject: false });
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toContain('no notification channel is configured in [notify]');
  });
});
