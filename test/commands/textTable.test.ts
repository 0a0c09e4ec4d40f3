import { describe, expect, it } from 'vitest';
import { formatTable, wantsColor } from '../../src/commands/textTable.js';

describe('formatTable', () => {
  it('aligns columns on the widest cell, two spaces apart, no trailing blanks', () => {
    const text = formatTable(
      ['ID', 'NAME', 'NOTE'],
      [
        ['1', 'apache2', ''],
        ['10', 'sshd', 'x'],
      ],
    );
    expect(text).toBe('ID  NAME     NOTE\n1   apache2\n10  sshd     x\n');
  });

  it('colours toned cells only when asked, without shifting columns', () => {
    const rows = [[{ text: 'open', tone: 'bad' as const }, 'b']];
    expect(formatTable(['S', 'X'], rows, false)).toBe('S     X\nopen  b\n');
    expect(formatTable(['S', 'X'], rows, true)).toBe('S     X\n\u001b[31mopen\u001b[0m  b\n');
  });
});

describe('wantsColor', () => {
  it('only for a terminal, and never with NO_COLOR or TERM=dumb', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});
