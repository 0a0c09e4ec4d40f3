import { describe, expect, it } from 'vitest';
import { alarmsToRead } from '../../src/agent/alarmsToRead.js';
import { PolledIds } from '../../src/agent/PolledIds.js';
import type { AlarmKey } from '../../src/db/sql/pollAlarms.js';

const key = (process_id: number, name_hash: number | null = 7): AlarmKey => ({ process_id, alarma: 1, name_hash, breaker_open: 0 });

function read(keys: AlarmKey[], rules: { inFlight?: number[]; unchanged?: number[] } = {}): number[] {
  return alarmsToRead(keys, new PolledIds(keys), {
    inFlight: (id) => (rules.inFlight ?? []).includes(id),
    unchanged: (k) => (rules.unchanged ?? []).includes(k.process_id),
  });
}

describe('alarmsToRead', () => {
  it('reads every row not judged yet, in the order polled', () => {
    expect(read([key(1), key(2), key(3)])).toEqual([1, 2, 3]);
  });

  it('skips rows unchanged since judged a problem, and rows whose procedure is running', () => {
    expect(read([key(1), key(2), key(3), key(4)], { unchanged: [2], inFlight: [4] })).toEqual([1, 3]);
  });

  it('always reads an id polled more than once (its names may disagree), once', () => {
    expect(read([key(1), key(5, 1), key(5, 2), key(6)], { unchanged: [1, 5, 6], inFlight: [5] })).toEqual([5]);
  });
});
