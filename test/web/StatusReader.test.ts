import { describe, expect, it } from 'vitest';
import type { StatusData } from '../../src/commands/statusScreen.js';
import { StatusReader } from '../../src/web/StatusReader.js';

const snapshot = (n: number): StatusData => ({
  database: `read ${n}`,
  dbNow: new Date(0),
  checkIntervalSeconds: 1,
  processes: [],
  history: new Map(),
  agents: [],
});

describe('StatusReader', () => {
  it('shares one read between the requests that come while it runs, and reuses it for a second', async () => {
    let now = 0;
    let reads = 0;
    let finish: (() => void) | undefined;
    const reader = new StatusReader(
      () =>
        new Promise<StatusData>((resolve) => {
          reads += 1;
          const n = reads;
          finish = () => resolve(snapshot(n));
        }),
      () => now,
    );
    const first = reader.read();
    const second = reader.read();
    finish?.();
    expect((await first).database).toBe('read 1');
    expect((await second).database).toBe('read 1');
    now = 999;
    expect((await reader.read()).database).toBe('read 1');
    expect(reads).toBe(1);
    now = 1000;
    const third = reader.read();
    finish?.();
    expect((await third).database).toBe('read 2');
  });

  it('does not keep a failed read: the next request tries again', async () => {
    let fail = true;
    const reader = new StatusReader(() => (fail ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(snapshot(1))));
    await expect(reader.read()).rejects.toThrow('ECONNREFUSED');
    fail = false;
    expect((await reader.read()).database).toBe('read 1');
  });
});
