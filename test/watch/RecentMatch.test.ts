import { describe, expect, it } from 'vitest';
import { RecentMatch } from '../../src/watch/RecentMatch.js';

describe('RecentMatch (pattern_expiration)', () => {
  it('keeps failing for the expiration after a matching line, then passes', () => {
    let now = 1000;
    const match = new RecentMatch(/ERROR/, 5000, () => now);
    expect(match.observe('in f')).toEqual({ failing: false });
    match.offer({ text: 'INFO fine', cut: false });
    expect(match.observe('in f')).toEqual({ failing: false });
    match.offer({ text: 'ERROR:root:Crashing...', cut: false });
    expect(match.observe('in f')).toEqual({ failing: true, evidence: 'line in f matches /ERROR/: ERROR:root:Crashing...' });
    now += 4999;
    expect(match.observe('in f').failing).toBe(true);
    now += 1; // 5000 ms after the line: expired
    expect(match.observe('in f')).toEqual({ failing: false });
  });

  it('with expiration 0, fails only at the check that follows the line', () => {
    let now = 0;
    const match = new RecentMatch(/die/, 0, () => now);
    match.offer({ text: 'container die', cut: false });
    now += 10_000;
    expect(match.observe('of the command output').failing).toBe(true);
    expect(match.observe('of the command output').failing).toBe(false);
  });

  it('with expiration 0, a second check in the same millisecond as the line passes', () => {
    // A busy event loop delivers the line and runs two checks within one ms.
    const match = new RecentMatch(/die/, 0, () => 42);
    match.offer({ text: 'container die', cut: false });
    expect(match.observe('of the command output').failing).toBe(true);
    expect(match.observe('of the command output').failing).toBe(false);
  });
});
