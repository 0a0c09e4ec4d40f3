import { describe, expect, it } from 'vitest';
import { keyFingerprint, ReportOnce } from '../../src/agent/ReportOnce.js';

describe('ReportOnce', () => {
  it('reports a problem the first time, not while it persists', () => {
    const once = new ReportOnce();
    expect(once.shouldReport(1, 'unregistered')).toBe(true);
    expect(once.shouldReport(1, 'unregistered')).toBe(false);
    expect(once.shouldReport(1, 'unregistered')).toBe(false);
  });

  it('keeps processes apart', () => {
    const once = new ReportOnce();
    expect(once.shouldReport(1, 'unregistered')).toBe(true);
    expect(once.shouldReport(2, 'unregistered')).toBe(true);
    expect(once.shouldReport(2, 'unregistered')).toBe(false);
    expect(once.shouldReport(1, 'unregistered')).toBe(false);
  });

  it('reports a new problem of the same process, and the old one again when it comes back', () => {
    const once = new ReportOnce();
    expect(once.shouldReport(1, 'alarma:2')).toBe(true);
    expect(once.shouldReport(1, 'unregistered')).toBe(true);
    expect(once.shouldReport(1, 'alarma:2')).toBe(true);
    expect(once.shouldReport(1, 'alarma:2')).toBe(false);
  });

  it('forgets processes no longer in alarm, so a new alarm is reported again', () => {
    const once = new ReportOnce();
    once.shouldReport(1, 'unregistered');
    once.shouldReport(2, 'unregistered');
    once.shouldReport(3, 'unregistered');
    once.keepOnly(new Set([2]));
    expect(once.shouldReport(1, 'unregistered')).toBe(true);
    expect(once.shouldReport(2, 'unregistered')).toBe(false);
    expect(once.shouldReport(3, 'unregistered')).toBe(true);
  });

  it('keepOnly with an empty set forgets everything', () => {
    const once = new ReportOnce();
    once.shouldReport(1, 'a');
    once.shouldReport(2, 'b');
    once.keepOnly(new Set());
    expect(once.shouldReport(1, 'a')).toBe(true);
    expect(once.shouldReport(2, 'b')).toBe(true);
  });

  it('forget drops one process only', () => {
    const once = new ReportOnce();
    once.shouldReport(1, 'a');
    once.shouldReport(2, 'b');
    once.forget(1);
    expect(once.shouldReport(1, 'a')).toBe(true);
    expect(once.shouldReport(2, 'b')).toBe(false);
  });
});

describe('keyFingerprint', () => {
  it('is stable, and tells apart keys that differ in one character or in length', () => {
    const keys = ['unregistered', 'alarma:2', 'alarma:3', 'name:a;b', 'name:a;c', 'name:a;bb', `name:${'x'.repeat(255)}`, `name:${'x'.repeat(254)}y`];
    const prints = keys.map(keyFingerprint);
    expect(keys.map(keyFingerprint)).toEqual(prints);
    expect(new Set(prints).size).toBe(keys.length);
    for (const print of prints) expect(Number.isSafeInteger(print)).toBe(true);
  });
});
