/**
 * config.ini is text. A binary (`--config /bin/true`) or random bytes used to
 * read as "configuration OK" and their control bytes went to the terminal.
 * Allowed: UTF-8 text, tab, and line ends (LF, or CRLF). Not allowed: other
 * C0 controls, a lone CR (it hides the start of a line on a terminal), DEL,
 * C1 controls, and bytes that are not UTF-8.
 */
export interface UnprintableLine {
  /** 1-based. */
  line: number;
  /** The line as far as it decodes (invalid bytes as U+FFFD), not yet escaped. */
  text: string;
  /** What is wrong with it. */
  what: string;
  /** How many other lines have the same kind of problem. */
  more: number;
}

const LF = 0x0a;
const CR = 0x0d;
// Tab (U+0009) is allowed; CR only as part of CRLF (removed before this test).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

function problemOf(bytes: Uint8Array): { text: string; what?: string } {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return { text: lenient.decode(bytes), what: 'bytes that are not UTF-8' };
  }
  const found = FORBIDDEN.exec(text);
  if (!found) return { text };
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { text, what: `control character U+${code} at column ${found.index + 1}` };
}

/** The first line that is not plain text, or undefined when every line is. */
export function findUnprintableLine(bytes: Uint8Array): UnprintableLine | undefined {
  let first: UnprintableLine | undefined;
  let lineNumber = 0;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(LF, start);
    if (end < 0) end = bytes.length;
    lineNumber += 1;
    const stop = end > start && bytes[end - 1] === CR && end < bytes.length ? end - 1 : end;
    const { text, what } = problemOf(bytes.subarray(start, stop));
    if (what) {
      if (first) first.more += 1;
      else first = { line: lineNumber, text, what, more: 0 };
    }
    start = end + 1;
  }
  return first;
}
