import { describe, expect, it } from 'vitest';
import { shownValue } from '../../src/config/shownValue.js';

describe('shownValue', () => {
  it('hides a secret, and the path of a webhook URL (its token), keeping scheme and host', () => {
    expect(shownValue({ secret: true }, 'hunter2')).toBe('********');
    expect(shownValue({ secret: 'url-path' }, 'https://hooks.slack.com/services/T000/B000/XXXX?x=1')).toBe('https://hooks.slack.com/********');
    expect(shownValue({ secret: 'url-path' }, 'https://user:pass@example.com:8443/hook')).toBe('https://example.com:8443/********');
    expect(shownValue({ secret: 'url-path' }, 'not a url with a token')).toBe('********');
    expect(shownValue({}, 'plain')).toBe('plain');
    expect(shownValue({ secret: true }, '')).toBe('');
  });
});
