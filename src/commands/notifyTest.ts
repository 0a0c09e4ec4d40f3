import os from 'node:os';
import type { OutboxRow } from '../db/sql/notificationOutbox.js';
import { escapeControlCharacters } from '../log/escapeControlCharacters.js';
import { composeDigest } from '../notify/composeDigest.js';
import { configuredChannels } from '../notify/configuredChannels.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK } from './exitCodes.js';
import { loadConfigOrExplain, printConfigWarnings } from './loadConfigOrExplain.js';

const PROGRAM = 'monitor_service notify-test';

/** The test message: the same shape as a real one, so what arrives shows what a real one will look like. */
export function testNotificationRow(hostname: string, now: Date): OutboxRow {
  const body = {
    what: 'this is a test notification from monitor_service notify-test',
    tried: 'nothing (a test)',
    why: 'someone ran monitor_service notify-test',
    next: 'nothing to do; real notifications look like this one',
  };
  return { id: 0, channel: '', kind: 'test', process_id: null, process_name: '', hostname, body: JSON.stringify(body), created_at: now };
}

/**
 * `monitor_service notify-test`: sends one test notification on every
 * channel of [notify], directly (not through the outbox, no retry), and prints
 * what happened on each. Exit 0 when every channel took it.
 */
export async function notifyTest(
  configFile: string,
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const config = loadConfigOrExplain(PROGRAM, configFile, stderr);
  if (!config) return EXIT_CONFIG;
  printConfigWarnings(PROGRAM, config, stderr);
  const channels = configuredChannels(config);
  if (channels.length === 0) {
    stderr.write(`${PROGRAM}: no notification channel is configured in [notify] (smtp_host, webhook_url or notify_command)\n`);
    return EXIT_CONFIG;
  }
  const digest = composeDigest([testNotificationRow(os.hostname(), new Date())]);
  let failures = 0;
  for (const channel of channels) {
    try {
      const detail = await channel.send(digest);
      stdout.write(`${channel.name}: sent (${escapeControlCharacters(detail)})\n`);
    } catch (error) {
      failures += 1;
      stdout.write(`${channel.name}: FAILED: ${escapeControlCharacters(error instanceof Error ? error.message : String(error))}\n`);
    }
  }
  return failures === 0 ? EXIT_OK : EXIT_FAILURE;
}
