// Rejected rows are recorded a batch at a time, in order, never all at once: ten thousand
// rows rejected in one poll used to open ten thousand transactions together.
import { describe, expect, it } from 'vitest';
import { RejectionRecorder, type Rejection } from '../../src/agent/RejectionRecorder.js';

const rejection = (processId: number): Rejection => ({
  processId,
  name: null,
  reason: 'no PROCESE row',
  event: { type: 'alarm.rejected', processId, name: null, reason: 'no PROCESE row', message: 'no PROCESE row' },
});

describe('RejectionRecorder', () => {
  it('writes one batch at a time, at most batchSize rows each, all of them in order', async () => {
    const written: number[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const recorder = new RejectionRecorder(async (batch) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      written.push(batch.map((r) => r.processId));
      inFlight -= 1;
    }, 100);
    for (let id = 1; id <= 1000; id += 1) recorder.add(rejection(id));
    expect(recorder.busy).toBe(true);
    await recorder.idle();

    expect(mostInFlight).toBe(1);
    expect(written.every((batch) => batch.length <= 100)).toBe(true);
    expect(written.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(recorder.busy).toBe(false);
  });

  it('waits for rows added while a batch is written, and goes on after a failed batch', async () => {
    const written: number[] = [];
    const recorder = new RejectionRecorder((batch) => {
      if (batch.some((r) => r.processId === 2)) return Promise.reject(new Error('database gone'));
      written.push(...batch.map((r) => r.processId));
      if (written.length === 1) recorder.add(rejection(3));
      return Promise.resolve();
    }, 1);
    recorder.add(rejection(1));
    recorder.add(rejection(2));
    await recorder.idle();
    expect(written).toEqual([1, 3]);
    await expect(recorder.idle()).resolves.toBeUndefined();
  });
});
