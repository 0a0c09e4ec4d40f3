import { describe, expect, it } from 'vitest';
import { WarningList } from '../../src/config/WarningList.js';

describe('WarningList', () => {
  it('keeps the first few of each kind and counts the rest', () => {
    const list = new WarningList(2);
    for (let i = 0; i < 5; i++) list.add('unknown keys', `k${i}`);
    list.add('unknown sections', 's0');
    for (let i = 0; i < 1002; i++) list.add('values cut', `c${i}`);
    expect(list.toArray()).toEqual(['k0', 'k1', 's0', 'c0', 'c1', '… and 3 more unknown keys', '… and 1,000 more values cut']);
  });

  it('adds nothing when no kind overflows', () => {
    const list = new WarningList(2);
    list.add('unknown keys', 'a');
    expect(list.toArray()).toEqual(['a']);
  });
});
