import { runShellCommand, succeeded, describeResult } from '../../exec/runCommand.js';
import type { Channel } from './Channel.js';
import { webhookBody } from './webhookChannel.js';

const TIMEOUT_MS = 60_000;

/** notify_command: the digest as JSON (the webhook's body) on its standard input; exit 0 = delivered. */
export function commandChannel(command: string): Channel {
  return {
    name: 'command',
    async send(digest) {
      const result = await runShellCommand(command, { timeoutMs: TIMEOUT_MS, input: webhookBody(digest) });
      if (!succeeded(result)) throw new Error(`notify_command ${describeResult(result)}`);
      return describeResult(result);
    },
  };
}
