import { createHmac } from 'node:crypto';
import type { Channel } from './Channel.js';
import type { Digest } from '../composeDigest.js';

/** The header that carries the body's HMAC-SHA256 when webhook_secret_file is set: `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'X-Monitor-Service-Signature';
const TIMEOUT_MS = 10_000;

/** The JSON posted: `text` is what Slack, Mattermost and Teams incoming webhooks display. */
export function webhookBody(digest: Digest): string {
  return JSON.stringify({ text: digest.text, subject: digest.subject, notifications: digest.entries });
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookChannel(url: string, secret: string | undefined): Channel {
  return {
    name: 'webhook',
    async send(digest) {
      const body = webhookBody(digest);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret !== undefined) headers[SIGNATURE_HEADER] = signBody(body, secret);
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
      return `HTTP ${response.status}`;
    },
  };
}
