import { describe, expect, it } from 'vitest';
import { selectShown } from '../../src/commands/selectShown.js';
import { processRow } from './processRowFixture.js';

const row = (process_id: number, alarma: number, breaker_state: string | null = null) => processRow({ process_id, alarma, breaker_state });

describe('selectShown', () => {
  it('shows everything under the limit, or without one', () => {
    const rows = [row(1, 0), row(2, 1)];
    expect(selectShown(rows, 5)).toEqual({ shown: rows, hidden: 0 });
    expect(selectShown(rows, undefined)).toEqual({ shown: rows, hidden: 0 });
  });

  it('over the limit: alarms and breakers not closed first, listed by id', () => {
    const rows = [row(1, 0), row(2, 0), row(3, 1), row(4, 0, 'open'), row(5, 0), row(6, 1)];
    const { shown, hidden } = selectShown(rows, 4);
    expect(shown.map((r) => r.process_id)).toEqual([1, 3, 4, 6]);
    expect(hidden).toBe(2);
  });
});
