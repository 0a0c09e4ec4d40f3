// Headless Chromium (Debian package chromium) for tests of the status page, driven
// with puppeteer-core. Without it the tests skip locally and fail in CI (skipRule.ts).
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { skipReasonOrFail } from './skipRule.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Why tests needing Chromium must skip, or undefined when it is installed. Throws in CI. */
export function chromiumSkipReason(): string | undefined {
  return skipReasonOrFail('Chromium', existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (apt-get install chromium)`);
}

/** A headless browser of its own (profile in userDataDir); the tests run as root, hence --no-sandbox. */
export function launchChromium(userDataDir: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'],
  });
}
