import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/watch/log/LineSplitter.js';

describe('LineSplitter', () => {
  it('joins lines across chunks and drops a trailing CR', () => {
    const splitter = new LineSplitter(100);
    expect(splitter.push(Buffer.from('one\r\ntw'))).toEqual([{ text: 'one', cut: false }]);
    expect(splitter.push(Buffer.from('o\nthree'))).toEqual([{ text: 'two', cut: false }]);
    expect(splitter.flush()).toEqual({ text: 'three', cut: false });
    expect(splitter.flush()).toBeUndefined();
  });

  it('keeps only the first maxBytes of a long line, however long it is', () => {
    const splitter = new LineSplitter(8);
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 16; i += 1) expect(splitter.push(chunk)).toEqual([]);
    expect(splitter.push(Buffer.from('yy\nnext\n'))).toEqual([
      { text: 'xxxxxxxx', cut: true },
      { text: 'next', cut: false },
    ]);
  });

  it('decodes binary data as text (invalid UTF-8 becomes U+FFFD)', () => {
    const splitter = new LineSplitter(100);
    const [line] = splitter.push(Buffer.from([0x00, 0xff, 0x41, 0x0a]));
    expect(line).toEqual({ text: '\0\uFFFDA', cut: false });
  });
});
