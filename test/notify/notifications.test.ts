// Notifications end to end: the built agent against the shared MariaDB, a real
// webhook (node:http) and a real SMTP server (smtp-server) on 127.0.0.1.
// Failing procedures, rejected alarms, a storm, channels down then back, a
// killed agent, two agents, and a database where setup.sql was not re-run.
import { createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent, type Sections } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { reservePort, startSmtpCapture, type SmtpCapture } from '../support/smtpCapture.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { startWebhookCapture, type WebhookCapture } from '../support/webhookCapture.js';
import { historyOf, registerProcess } from '../support/faultKit.js';

/** Every procedure fails fast: the start command works, the health check never passes. */
const FAILING: Sections[string] = {
  restart_strategy: 'process',
  process_launcher: 'detach',
  start_command: 'true',
  health_check_command: 'false',
  health_check_timeout: 0.2,
  max_attempts: 1,
  restart_delay: 0,
  flap_threshold: 0,
};

describe.skipIf(mariadbSkipReason())('notifications', () => {
  let db: TestDatabase;
  let dir: string;
  const agents: RunningAgent[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    db = await createTestDatabase('notify');
    dir = await makeTempDir('monitor-notify-');
  });

  afterEach(async () => {
    for (const agent of agents.splice(0)) await agent.stop('SIGKILL');
    for (const close of closers.splice(0)) await close().catch(() => undefined);
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  function start(agentId: string, notify: Sections[string], extra: Sections = {}): RunningAgent {
    const agentDir = path.join(dir, agentId);
    mkdirSync(agentDir, { recursive: true });
    const agent = startAgent({
      dir: agentDir,
      socket: db.socket,
      database: db.name,
      sections: { monitor: { agent_id: agentId }, 'process.default': FAILING, notify, ...extra },
    });
    agents.push(agent);
    return agent;
  }

  async function webhook(): Promise<WebhookCapture> {
    const capture = await startWebhookCapture();
    closers.push(() => capture.close());
    return capture;
  }

  async function smtp(options: Parameters<typeof startSmtpCapture>[0] = {}): Promise<SmtpCapture> {
    const capture = await startSmtpCapture(options);
    closers.push(() => capture.close());
    return capture;
  }

  function secretFile(name: string, secret: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return file;
  }

  async function outbox(): Promise<{ unsent: number; delivered: number; suppressed: number }> {
    const rows = await db.query<RowDataPacket[]>(
      'SELECT SUM(sent_at IS NULL) AS unsent, SUM(sent_at IS NOT NULL AND suppressed = 0) AS delivered, SUM(suppressed) AS suppressed FROM monitor_notification',
    );
    return { unsent: Number(rows[0]?.unsent ?? 0), delivered: Number(rows[0]?.delivered ?? 0), suppressed: Number(rows[0]?.suppressed ?? 0) };
  }

  /** Waits until the breaker of `id` opened (its notification queued) and every notification row is sent. */
  async function waitAllSent(id: number): Promise<void> {
    await waitFor(() => db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM monitor_notification WHERE process_id = ? AND kind = 'breaker-opened'", [id]), {
      what: `breaker of ${id} to open`,
      until: (rows) => Number(rows[0]?.n) > 0,
      timeoutMs: 30_000,
    });
    await waitFor(outbox, { what: 'every notification to be sent', until: (o) => o.unsent === 0 && o.delivered > 0, timeoutMs: 30_000 });
  }

  it('a webhook answering 500 then 200 gets each notification once, signed, with a text field; a hostile name stays inside its JSON string', async () => {
    const hook = await webhook();
    hook.answer = 500;
    const secret = 'webhook-key-5f1c';
    await registerProcess(db, 2001, 'nfail', 1);
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (2002, 1, 0, ?)', ['hostile']);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (2002, ?)', ['evil"}\r\nBcc: victim@example.com\r\n\r\n']);
    const agent = start('hook', { webhook_url: hook.url, webhook_secret_file: secretFile('hook.key', secret), digest_window: 0.5 });

    await agent.waitForLine(/notification\(s\) not delivered by webhook: webhook answered HTTP 500; retrying, nothing is lost/, 30_000);
    hook.answer = 200;
    await waitAllSent(2001);

    const delivered = hook.delivered();
    const entries = delivered.flatMap((body) => body.notifications);
    // Each event once: later failures of nfail are counted in its entry or folded by repeat_interval.
    expect(entries.filter((e) => e.processId === 2001 && e.kind === 'gave-up')).toHaveLength(1);
    expect(entries.filter((e) => e.processId === 2001 && e.kind === 'breaker-opened')).toHaveLength(1);
    expect(entries.filter((e) => e.processId === 2002 && e.kind === 'rejected')).toHaveLength(1);
    // Nothing delivered twice: the counts of the messages that arrived add up to the rows marked delivered.
    expect(entries.reduce((sum, e) => sum + e.count, 0)).toBe((await outbox()).delivered);

    for (const request of hook.requests.filter((r) => r.status === 200)) {
      const expected = `sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`;
      expect(request.headers['x-monitor-service-signature']).toBe(expected);
    }
    const text = delivered.map((body) => body.text).join('\n');
    expect(text).toContain(os.hostname());
    expect(text).toContain('process nfail (ID 2001)');
    expect(text).toMatch(/Tried: 1 restart attempt\(s\) with the process strategy/);
    expect(text).toContain('monitor_service status');
    expect(text).toContain('DELETE FROM monitor_circuit_breaker WHERE process_id = 2001');
    const hostile = entries.find((e) => e.processId === 2002)!;
    expect(hostile.process).toContain('Bcc: victim@example.com');
    expect(hostile.process).not.toMatch(/[\r\n]/);
    expect(text.split('\n').some((line) => line.startsWith('Bcc:'))).toBe(false);
    expect(agent.output()).not.toContain(secret);
  }, 60_000);

  it('a failure a watch saw that nothing will act on is notified once: no PROCESE row, or no STATUS_PROCESS row to raise', async () => {
    const hook = await webhook();
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (2101, 'wnorow')"); // no STATUS_PROCESS row
    const logs = { wnorow: path.join(dir, 'wnorow.log'), wghost: path.join(dir, 'wghost.log') };
    for (const file of Object.values(logs)) writeFileSync(file, 'started\n');
    const watch = (file: string) => ({ type: 'log', file, pattern: 'FATAL', watch_interval: 0.2 });
    const agent = start('watcher', { webhook_url: hook.url, digest_window: 0.5 }, { 'watch.wnorow': watch(logs.wnorow), 'watch.wghost': watch(logs.wghost) });
    await agent.waitForLine(/Database check: 0 process\(es\) in alarm/);
    for (const file of Object.values(logs)) appendFileSync(file, 'FATAL: out of memory\n');

    const kinds = () => hook.delivered().flatMap((body) => body.notifications.map((entry) => entry.kind));
    await waitFor(kinds, {
      what: 'both notifications',
      until: (seen) => seen.includes('detected-unregistered') && seen.includes('detected-not-raised'),
      timeoutMs: 30_000,
    });
    await waitFor(outbox, { what: 'every notification to be sent', until: (o) => o.unsent === 0, timeoutMs: 30_000 });
    const entries = hook.delivered().flatMap((body) => body.notifications);
    expect(entries.map((entry) => entry.kind).sort()).toEqual(['detected-not-raised', 'detected-unregistered']);
    // Queued once each: by the detection's transaction, or (no history row) from the event; never both.
    const queued = await db.query<RowDataPacket[]>(
      "SELECT kind, COUNT(*) AS n FROM monitor_notification WHERE kind LIKE 'detected-%' GROUP BY kind ORDER BY kind",
    );
    expect(queued.map((row) => [String(row.kind), Number(row.n)])).toEqual([
      ['detected-not-raised', 1],
      ['detected-unregistered', 1],
    ]);
    const text = hook
      .delivered()
      .map((body) => body.text)
      .join('\n');
    expect(text).toContain('the log watch saw wghost fail, but wghost has no row in PROCESE: nothing will restart it');
    expect(text).toContain('the log watch saw wnorow fail, but no alarm could be raised: nothing will restart it');
    expect(text).toContain('no STATUS_PROCESS row for this process ID');
    expect(entries.find((entry) => entry.kind === 'detected-not-raised')?.processId).toBe(2101);
  }, 60_000);

  it('a storm of 1,000 rejected alarms makes one or two mails that list them all', async () => {
    const mail = await smtp();
    const ids = Array.from({ length: 1000 }, (_, i) => 5000 + i);
    await db.query(`INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES ${ids.map((id) => `(${id}, 1, 0, 'storm')`).join(',')}`);
    start('storm', {
      smtp_host: '127.0.0.1',
      smtp_port: mail.port,
      smtp_tls: 'none',
      email_from: 'agent@example.com',
      email_to: 'ops@example.com',
      digest_window: 2,
    });

    await waitFor(() => db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM monitor_notification'), {
      what: '1000 queued',
      until: (r) => Number(r[0]?.n) === 1000,
      timeoutMs: 60_000,
    });
    await waitFor(outbox, { what: 'every notification to be sent', until: (o) => o.unsent === 0, timeoutMs: 60_000 });
    expect(mail.mails.length).toBeGreaterThanOrEqual(1);
    expect(mail.mails.length).toBeLessThanOrEqual(3);
    const all = mail.mails.map((m) => m.raw.replace(/=\r?\n/g, '')).join('\n');
    for (const id of ids) expect(all).toContain(`(ID ${id})`);
  }, 120_000);

  it('the mail server down, then back: each notification delivered once, with SMTP authentication, the password in no log', async () => {
    const port = await reservePort();
    const password = 'smtp-pass-9d2e';
    await registerProcess(db, 3001, 'mfail', 1);
    const agent = start('mail', {
      smtp_host: '127.0.0.1',
      smtp_port: port,
      smtp_tls: 'none',
      smtp_user: 'agent',
      smtp_password_file: secretFile('smtp.pass', password),
      email_from: 'agent@example.com',
      email_to: 'ops@example.com, oncall@example.com',
      digest_window: 0.5,
    });
    await agent.waitForLine(/not delivered by email: .*ECONNREFUSED/, 30_000);
    const mail = await smtp({ port, auth: { user: 'agent', password } });
    await waitAllSent(3001);

    const gaveUp = mail.mails.filter((m) => m.raw.includes('gave up'));
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]!.to.sort()).toEqual(['oncall@example.com', 'ops@example.com']);
    expect(gaveUp[0]!.user).toBe('agent');
    expect(gaveUp[0]!.headers).toMatch(/^Subject: monitor_service on /m);
    await agent.waitForLine(/Notifications by email are delivered again/);
    expect(agent.output()).not.toContain(password);
  }, 60_000);

  it('an agent killed -9 with unsent notifications: its next start sends them, once', async () => {
    const hook = await webhook();
    hook.answer = 503;
    await registerProcess(db, 4001, 'kfail', 1);
    const notify = { webhook_url: hook.url, digest_window: 0.5 };
    const first = start('crash', notify);
    await first.waitForLine(/not delivered by webhook/, 30_000);
    await first.stop('SIGKILL');
    expect((await outbox()).unsent).toBeGreaterThan(0);
    expect(hook.delivered()).toHaveLength(0);

    hook.answer = 200;
    const second = start('crash', notify);
    await waitAllSent(4001);
    await second.waitForLine(/Sent \d+ notification\(s\) by webhook/);
    const entries = hook.delivered().flatMap((body) => body.notifications);
    expect(entries.filter((e) => e.processId === 4001 && e.kind === 'gave-up')).toHaveLength(1);
    expect(entries.reduce((sum, e) => sum + e.count, 0)).toBe((await outbox()).delivered);
  }, 60_000);

  it('two agents on one database send each notification once between them', async () => {
    const hook = await webhook();
    for (let i = 0; i < 6; i++) await registerProcess(db, 6000 + i, `pairfail${i}`);
    const notify = { webhook_url: hook.url, digest_window: 0.3, repeat_interval: 0 };
    const a = start('pair-a', notify);
    const b = start('pair-b', notify);
    await a.waitForLine(/Database check: 0 process\(es\) in alarm/);
    await b.waitForLine(/Database check: 0 process\(es\) in alarm/);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id BETWEEN 6000 AND 6005');
    for (let i = 0; i < 6; i++) await waitAllSent(6000 + i);

    const entries = hook.delivered().flatMap((body) => body.notifications);
    const { delivered, suppressed } = await outbox();
    expect(suppressed).toBe(0);
    // repeat_interval = 0: every row is sent; the counts add up to the rows, so none went out twice.
    expect(entries.reduce((sum, e) => sum + e.count, 0)).toBe(delivered);
    // Each agent logs "Sent" once the rows are marked sent: a moment after the check above can see them.
    const sentLines = () => a.count(/Sent \d+ notification/) + b.count(/Sent \d+ notification/);
    await waitFor(sentLines, { what: 'a Sent line for each delivery', until: (n) => n >= hook.delivered().length });
    expect(sentLines()).toBe(hook.delivered().length);
  }, 90_000);

  it('the same event within repeat_interval is folded, and counted in the next message about it', async () => {
    const hook = await webhook();
    await registerProcess(db, 8001, 'rfail', 1);
    const agent = start(
      'repeat',
      { webhook_url: hook.url, digest_window: 0, repeat_interval: 2 },
      { monitor: { agent_id: 'repeat', check_interval: 0.2, max_restart_failures: 1000 } },
    );
    const gaveUp = () => hook.delivered().flatMap((body) => body.notifications.filter((e) => e.processId === 8001 && e.kind === 'gave-up'));
    await waitFor(gaveUp, { what: 'a second gave-up message, after repeat_interval', until: (entries) => entries.length >= 2, timeoutMs: 30_000 });
    const [first, second] = gaveUp();
    expect(first!.foldedRepeats).toBe(0);
    // Everything between the two messages was folded, and the second says how many.
    const { suppressed } = await outbox();
    expect(second!.foldedRepeats).toBeGreaterThan(0);
    expect(second!.foldedRepeats).toBeLessThanOrEqual(suppressed);
    const text = hook
      .delivered()
      .map((body) => body.text)
      .join('\n');
    expect(text).toMatch(/Also \d+ time\(s\) since the last message about it \(not sent again within repeat_interval\)/);
    await agent.stop('SIGTERM');
  }, 60_000);

  it('an agent that stopped without a goodbye is reported once: by itself at its next start, or by another agent', async () => {
    const hook = await webhook();
    const notify = { webhook_url: hook.url, digest_window: 0.3 };
    const first = start('gone', notify);
    await first.waitForLine(/Database check: 0 process\(es\) in alarm/);
    await first.stop('SIGKILL');
    const again = start('gone', notify);
    await again.waitForLine(/Agent gone on \S+ stopped without saying goodbye \(last heard from .*\); noticed by itself at its start/);
    const vanished = () => hook.delivered().flatMap((body) => body.notifications.filter((e) => e.kind === 'agent-vanished'));
    // Sent before the next agent starts: one killed while it holds the row would keep it for the delivery lease (120 s).
    await waitFor(vanished, { what: "agent gone's notification", until: (entries) => entries.length >= 1, timeoutMs: 30_000 });

    // Another agent notices one whose heartbeat is older than the liveness window (aged here, as 90 s would pass).
    const lost = start('lost', notify);
    await lost.waitForLine(/Database check: 0 process\(es\) in alarm/);
    await lost.stop('SIGKILL');
    await db.query("UPDATE monitor_agent SET last_poll_at = NOW(3) - INTERVAL 10 MINUTE WHERE agent_id = 'lost'");
    const witness = start('witness', notify);
    await witness.waitForLine(/Agent lost on \S+ stopped without saying goodbye .*; noticed by agent witness/);
    // Said once: a later agent finds it already reported.
    const late = start('late', notify);
    await late.waitForLine(/Database check: 0 process\(es\) in alarm/);

    await waitFor(vanished, { what: 'two agent-vanished notifications', until: (entries) => entries.length >= 2, timeoutMs: 30_000 });
    expect(
      vanished()
        .map((e) => e.what.split(' ')[1])
        .sort(),
    ).toEqual(['gone', 'lost']);
    expect(vanished().find((e) => e.what.includes('agent lost'))!.tried).toBe('nothing: noticed by agent witness');
    expect(late.count(/stopped without saying goodbye/)).toBe(0);
    expect(again.count(/stopped without saying goodbye/) + witness.count(/Agent gone/)).toBe(1);
    const rows = await db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM monitor_notification WHERE kind = 'agent-vanished'");
    expect(Number(rows[0]?.n)).toBe(2);
  }, 60_000);

  it('without the monitor_notification table (setup.sql not re-run) restarts go on and the agent says so once', async () => {
    const hook = await webhook();
    await db.query('DROP TABLE monitor_notification');
    await registerProcess(db, 7001, 'tfail', 1);
    const agent = start('notable', { webhook_url: hook.url, digest_window: 0.3 });
    await agent.waitForLine(/table monitor_notification does not exist: re-run sql\/setup\.sql/, 30_000);
    await waitFor(() => historyOf(db, 7001), {
      what: 'three failed procedures',
      until: (h) => h.filter((r) => r.outcome === 'failure').length >= 3,
      timeoutMs: 30_000,
    });
    const polls = agent.count(/Database check:/);
    await waitFor(() => agent.count(/Database check:/) >= polls + 3, { what: 'three more polls' });
    expect(agent.count(/table monitor_notification does not exist/)).toBe(1);
    expect(hook.requests).toHaveLength(0);
  }, 60_000);
});
