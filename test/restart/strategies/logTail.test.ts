import { describe, expect, it } from 'vitest';
import { lastLines, TAIL_CHARS } from '../../../src/restart/strategies/logTail.js';

describe('lastLines', () => {
  it('keeps the last five lines, oldest first, on one line', () => {
    const log = ['one', 'two', 'three', 'four', 'five', 'six', ''].join('\n');
    expect(lastLines(log, false)).toBe('two | three | four | five | six');
  });

  it('drops the first line when the text was cut from a longer log, and only then', () => {
    expect(lastLines('rtial line\nerror: bad config\n', true)).toBe('error: bad config');
    expect(lastLines('whole line\nerror: bad config\n', false)).toBe('whole line | error: bad config');
    expect(lastLines('only line\n', true)).toBe('only line');
  });

  it('says a repeated line once, with its count (a crash loop writes the same error each time)', () => {
    const log = 'starting\ncannot open /etc/x.conf\ncannot open /etc/x.conf\ncannot open /etc/x.conf\n';
    expect(lastLines(log, false)).toBe('starting | cannot open /etc/x.conf (3 times)');
  });

  it('escapes control characters: colours, carriage returns, C1 and line separators', () => {
    expect(lastLines('\u001b[31mred error\u001b[0m\nhidden\roverwritten\n\u009b2J\u2028x\n', false)).toBe(
      '\\u001b[31mred error\\u001b[0m | hidden\\u000doverwritten | \\u009b2J\\u2028x',
    );
  });

  it('bounds each line and the whole, keeping the newest', () => {
    const long = `${'a'.repeat(300)}\n${'b'.repeat(300)}\n${'c'.repeat(300)}\nlast\n`;
    const tail = lastLines(long, false)!;
    expect(tail.length).toBeLessThanOrEqual(TAIL_CHARS + 1);
    expect(tail.startsWith('…')).toBe(true);
    expect(tail.endsWith('c… | last')).toBe(true);
  });

  it('gives nothing for an empty log', () => {
    expect(lastLines('', false)).toBeUndefined();
    expect(lastLines('\n\n  \n', true)).toBeUndefined();
  });
});
