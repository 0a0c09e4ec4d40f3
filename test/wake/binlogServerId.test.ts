import { describe, expect, it } from 'vitest';
import { binlogServerId, SERVER_ID_BASE, SERVER_ID_SPAN } from '../../src/wake/binlogServerId.js';
import { binlogRetryDelayMs } from '../../src/wake/BinlogWake.js';

describe('binlogServerId', () => {
  it('is stable, differs between agents and stays in the documented range', () => {
    expect(binlogServerId('web-1')).toBe(binlogServerId('web-1'));
    expect(binlogServerId('web-1')).not.toBe(binlogServerId('web-2'));
    for (const id of ['', 'a', 'web-1', 'x'.repeat(300), 'ünïcode']) {
      expect(binlogServerId(id)).toBeGreaterThanOrEqual(SERVER_ID_BASE);
      expect(binlogServerId(id)).toBeLessThan(SERVER_ID_BASE + SERVER_ID_SPAN);
    }
    expect(SERVER_ID_BASE + SERVER_ID_SPAN).toBeLessThanOrEqual(2 ** 32);
  });
});

describe('binlogRetryDelayMs', () => {
  it('doubles from 1 s up to 60 s', () => {
    expect([1, 2, 3, 7, 8, 30].map(binlogRetryDelayMs)).toEqual([1000, 2000, 4000, 60_000, 60_000, 60_000]);
  });
});
