import { describe, expect, it } from 'vitest';
import { Wakeup } from '../../src/wake/Wakeup.js';

const never = new AbortController().signal;

describe('Wakeup', () => {
  it('ends a sleep in progress at once', async () => {
    const wakeup = new Wakeup();
    const started = Date.now();
    const sleeping = wakeup.sleep(60_000, never);
    wakeup.wake();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps a wake that came while the loop was polling for the next sleep, and many wakes end one sleep only', async () => {
    const wakeup = new Wakeup();
    wakeup.wake();
    wakeup.wake();
    await wakeup.sleep(60_000, never);
    const started = Date.now();
    await wakeup.sleep(50, never);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it('ends when the signal aborts', async () => {
    const wakeup = new Wakeup();
    const stop = new AbortController();
    const sleeping = wakeup.sleep(60_000, stop.signal);
    stop.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});
