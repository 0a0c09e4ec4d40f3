import { describe, expect, it } from 'vitest';
import { findUnprintableLine } from '../../src/config/findUnprintableLine.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('findUnprintableLine', () => {
  it('accepts UTF-8 text with tabs, LF or CRLF line ends, and a BOM', () => {
    expect(findUnprintableLine(bytes('\ufeff[monitor]\r\ncheck_interval\t= 5\r\n; é ü 中\n'))).toBeUndefined();
    expect(findUnprintableLine(bytes(''))).toBeUndefined();
  });

  it('names the first line with a control character, and counts the others', () => {
    const found = findUnprintableLine(bytes('[monitor]\ncheck_interval = 5\x1b[2J\nx = \x07\ny = \x00\n'));
    expect(found).toEqual({ line: 2, text: 'check_interval = 5\x1b[2J', what: 'control character U+001B at column 19', more: 2 });
  });

  it('refuses DEL, C1 controls and a lone CR (it hides the start of a line)', () => {
    expect(findUnprintableLine(bytes('a = b\x7f\n'))?.what).toMatch(/U\+007F/);
    expect(findUnprintableLine(bytes('a = b\u009b31m\n'))?.what).toMatch(/U\+009B/);
    expect(findUnprintableLine(bytes('a = evil\rb = good\n'))?.what).toMatch(/U\+000D/);
    expect(findUnprintableLine(bytes('a = b\r'))?.what).toMatch(/U\+000D/);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const found = findUnprintableLine(Buffer.concat([bytes('[a]\nb = '), Buffer.from([0xff, 0xfe]), bytes('\n')]));
    expect(found).toMatchObject({ line: 2, what: 'bytes that are not UTF-8', more: 0 });
    expect(found?.text).toBe('b = \ufffd\ufffd');
  });
});
