import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/db/sql/notificationOutbox.js';
import { composeDigest } from '../../src/notify/composeDigest.js';
import { splitRepeats } from '../../src/notify/deliverChannel.js';

function row(id: number, processId: number | null, kind: OutboxRow['kind'], name: string, what = `${name} gave up`): OutboxRow {
  const body = JSON.stringify({ what, tried: '2 attempts', why: 'health check failed', next: 'run monitor_service status' });
  return { id, channel: 'email', kind, process_id: processId, process_name: name, hostname: 'web1', body, created_at: new Date('2030-01-01T00:00:00Z') };
}

describe('composeDigest', () => {
  it('one event: its own subject; the text says host, process, what, tried, why and next', () => {
    const digest = composeDigest([row(1, 7, 'gave-up', 'apache2')]);
    expect(digest.subject).toBe('monitor_service on web1: apache2 gave up');
    expect(digest.text).toContain('* web1 process apache2 (ID 7): apache2 gave up');
    expect(digest.text).toContain('Tried: 2 attempts');
    expect(digest.text).toContain('Why it stopped: health check failed');
    expect(digest.text).toContain('What you can do: run monitor_service status');
  });

  it('many: one message, the same event for the same process counted', () => {
    const rows = [row(1, 7, 'gave-up', 'a'), row(2, 7, 'gave-up', 'a'), row(3, 8, 'gave-up', 'b'), row(4, 7, 'breaker-opened', 'a')];
    const digest = composeDigest(rows);
    expect(digest.subject).toBe('monitor_service on web1: 4 notifications (3 distinct events)');
    expect(digest.entries.map((e) => [e.processId, e.kind, e.count])).toEqual([
      [7, 'gave-up', 2],
      [8, 'gave-up', 1],
      [7, 'breaker-opened', 1],
    ]);
    expect(digest.text).toContain('(2 times since 2030-01-01T00:00:00.000Z)');
  });

  it('a hostile name cannot add a header or a line: control characters are escaped', () => {
    const evil = 'x\r\nBcc: victim@example.com';
    const digest = composeDigest([row(1, 7, 'rejected', evil, `alarm of ${evil}`)]);
    expect(digest.subject).not.toMatch(/[\r\n]/);
    expect(digest.text.split('\n').some((line) => line.startsWith('Bcc:'))).toBe(false);
    expect(digest.entries[0]?.process).toBe('x\\u000d\\u000aBcc: victim@example.com');
  });

  it('repeats folded since the last message are counted in the entry and its text', () => {
    const digest = composeDigest([row(1, 7, 'gave-up', 'a'), row(2, 8, 'gave-up', 'b')], new Map([['7/gave-up', 4]]));
    expect(digest.entries.map((e) => e.foldedRepeats)).toEqual([4, 0]);
    expect(digest.text).toContain('  Also 4 time(s) since the last message about it (not sent again within repeat_interval)');
    expect(digest.text.match(/Also /g)).toHaveLength(1);
  });

  it('a long subject is cut', () => {
    expect(composeDigest([row(1, 7, 'gave-up', 'a', 'w'.repeat(400))]).subject.length).toBe(150);
  });
});

describe('splitRepeats', () => {
  it('folds events already sent within repeat_interval', () => {
    const rows = [row(1, 7, 'gave-up', 'a'), row(2, 7, 'breaker-opened', 'a'), row(3, null, 'database-restored', '')];
    const { fresh, repeats } = splitRepeats(rows, new Set(['7/gave-up', '-/database-restored']));
    expect(fresh.map((r) => r.id)).toEqual([2]);
    expect(repeats.map((r) => r.id)).toEqual([1, 3]);
  });
});
