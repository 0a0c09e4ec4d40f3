import { describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../src/config/builtInDefaults.js';
import { notifyProblems } from '../../src/config/notifyProblems.js';

describe('notifyProblems', () => {
  it('no channel, no problem', () => {
    expect(notifyProblems(BUILT_IN_DEFAULTS.notify)).toEqual([]);
  });

  it('e-mail needs a sender and recipients', () => {
    const problems = notifyProblems({ ...BUILT_IN_DEFAULTS.notify, smtp_host: 'localhost' });
    expect(problems.map((p) => `${p.section}.${p.key}: ${p.expected}`)).toEqual([
      'notify.email_from: an e-mail address (smtp_host is set)',
      'notify.email_to: an e-mail address (smtp_host is set)',
    ]);
  });

  it('a webhook needs an http(s) URL', () => {
    expect(notifyProblems({ ...BUILT_IN_DEFAULTS.notify, webhook_url: 'file:///etc/passwd' })).toEqual([
      { section: 'notify', key: 'webhook_url', value: 'file:///********', expected: 'an http:// or https:// URL' },
    ]);
    expect(notifyProblems({ ...BUILT_IN_DEFAULTS.notify, webhook_url: 'https://hooks.example.com/x' })).toEqual([]);
  });
});
