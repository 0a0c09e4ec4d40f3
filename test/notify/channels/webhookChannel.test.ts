import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, webhookBody } from '../../../src/notify/channels/webhookChannel.js';

describe('webhook body and signature', () => {
  it('is JSON with a text field, whatever the strings hold', () => {
    const hostile = 'a"}\n,{"injected":true';
    const body = webhookBody({ subject: hostile, text: hostile, entries: [] });
    expect(JSON.parse(body)).toEqual({ text: hostile, subject: hostile, notifications: [] });
  });

  it('signs with HMAC-SHA256 of the raw body, as sha256=<hex>', () => {
    expect(signBody('{"text":"x"}', 'key')).toBe(`sha256=${createHmac('sha256', 'key').update('{"text":"x"}').digest('hex')}`);
  });
});
