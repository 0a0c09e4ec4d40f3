import { describe, expect, it } from 'vitest';
import { JudgedRows } from '../../src/agent/JudgedRows.js';

describe('JudgedRows', () => {
  it('knows a row unchanged since it was judged', () => {
    const judged = new JudgedRows();
    judged.remember(1, { alarma: 1, name_hash: 42 });
    expect(judged.unchanged(1, { alarma: 1, name_hash: 42 })).toBe(true);
    expect(judged.unchanged(2, { alarma: 1, name_hash: 42 })).toBe(false);
  });

  it('sees a new name, a PROCESE row added or removed, a new alarma value', () => {
    const judged = new JudgedRows();
    judged.remember(1, { alarma: 1, name_hash: 42 });
    judged.remember(2, { alarma: 1, name_hash: null });
    judged.remember(3, { alarma: 2, name_hash: 42 });
    expect(judged.unchanged(1, { alarma: 1, name_hash: 43 })).toBe(false);
    expect(judged.unchanged(1, { alarma: 1, name_hash: null })).toBe(false);
    expect(judged.unchanged(2, { alarma: 1, name_hash: 42 })).toBe(false);
    expect(judged.unchanged(3, { alarma: 1, name_hash: 42 })).toBe(false);
  });

  it('forgets a process on request, and those no longer in alarm', () => {
    const judged = new JudgedRows();
    for (const id of [1, 2, 3]) judged.remember(id, { alarma: 1, name_hash: id });
    judged.forget(1);
    judged.keepOnly(new Set([1, 3]));
    expect([1, 2, 3].map((id) => judged.unchanged(id, { alarma: 1, name_hash: id }))).toEqual([false, false, true]);
  });
});
