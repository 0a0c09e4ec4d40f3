// The status page of the real agent, against the real database, in headless
// Chromium: basic authentication, read-only, a phone-sized screenshot without
// console errors, hostile process names shown as inert text, a page that
// reloads itself, and a server that is gone once the agent stops.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { chromiumSkipReason, launchChromium } from '../support/chromium.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

const SERVING = /Status page: serving (http:\/\/127\.0\.0\.1:\d+)\//;
const IMG_NAME = '<img src=x onerror=alert(1)>';
const SCRIPT_NAME = '</script><script>alert(2)</script>';
const USER = 'ops';
const PASSWORD = 'correct horse';

describe.skipIf(mariadbSkipReason() ?? chromiumSkipReason())('status page', () => {
  let db: TestDatabase;
  let dir: string;
  let browser: Browser | undefined;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('webpage');
    dir = await makeTempDir();
  });
  afterAll(async () => {
    await browser?.close();
    for (const agent of agents) await agent.stop('SIGKILL');
    await db?.close();
    await removeTempDir(dir);
  });

  it('shows processes, breakers, decisions and agents to an authenticated browser, hostile names inert', async () => {
    await db.query(
      "INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (1701, 0, 0, ''), (1702, 1, 0, ''), (1703, 1, 0, ''), (1704, 1, 0, '')",
    );
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (1701, ?), (1702, ?), (1703, ?), (1704, ?)', [
      'web_ok',
      IMG_NAME,
      SCRIPT_NAME,
      'web_bad',
    ]);
    const passwordFile = path.join(dir, 'web_password');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        monitor: { check_interval: 0.2, max_restart_failures: 1, circuit_reset_time: 3600 },
        'process.default': { restart_strategy: 'command', restart_command: 'true', health_check_command: 'false', health_check_timeout: 0.3, max_attempts: 1 },
        web: { listen: '127.0.0.1:0', web_user: USER, web_password_file: passwordFile },
      },
    });
    agents.push(agent);
    const url = SERVING.exec(await agent.waitForLine(SERVING))![1]!;
    await agent.waitForLine(/Circuit breaker opened for web_bad after 1 failure/);
    // Both hostile names are refused (and recorded) before the page is read.
    await agent.waitForLine(/img src=x onerror/);
    await agent.waitForLine(/<\/script><script>/);

    const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const anonymous = await fetch(`${url}/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await fetch(`${url}/`, { headers: { Authorization: `Basic ${Buffer.from(`${USER}:wrong`).toString('base64')}` } })).status).toBe(401);
    const post = await fetch(`${url}/`, { method: 'POST', headers: { Authorization: auth } });
    expect(post.status).toBe(405);
    const json = (await (await fetch(`${url}/status.json`, { headers: { Authorization: auth } })).json()) as { summary: { in_alarm: number } };
    expect(json.summary.in_alarm).toBe(3);

    browser = await launchChromium(path.join(dir, 'chromium'));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    await page.authenticate({ username: USER, password: PASSWORD });
    // A phone: 390 CSS pixels wide.
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const response = await page.goto(`${url}/`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);

    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(IMG_NAME);
    expect(text).toContain(SCRIPT_NAME);
    expect(text).toContain('3 process(es) in alarm, 1 circuit breaker(s) open, 1 agent(s) alive');
    expect(text).toMatch(/not restarted: circuit breaker open after 1 failure; next trial at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(text).toMatch(/not restarted: the name is refused/);
    expect(text).toMatch(/alive/);
    // The names are text, not elements: no image, no script made it into the document.
    expect(await page.$$eval('img, script', (nodes) => nodes.length)).toBe(0);
    // Nothing wider than the phone: no sideways scrolling to read a row.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const screenshot = path.join(process.env.STATUS_PAGE_SCREENSHOT_DIR ?? dir, 'status-page-phone.png');
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);

    // It reloads by itself (meta refresh, at least every 5 s).
    await page.waitForNavigation({ waitUntil: 'load', timeout: 15_000 });
    expect(await page.evaluate(() => document.body.innerText)).toContain(IMG_NAME);
    expect(problems).toEqual([]);

    expect(await agent.stop()).toBe(0);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });
});
