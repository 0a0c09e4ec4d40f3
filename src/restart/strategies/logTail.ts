import { escapeControlCharacters } from '../../log/escapeControlCharacters.js';

/** At most this many lines of a program's log go into a failure reason… */
export const TAIL_LINES = 5;
/** …and at most this many characters (the history reason holds 1024). */
export const TAIL_CHARS = 400;
const LINE_CHARS = 200;

/** Runs of one repeated line as one line: a crash loop writes the same error each time. */
function collapseRepeats(lines: readonly string[]): string[] {
  const out: Array<{ line: string; times: number }> = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last?.line === line) last.times += 1;
    else out.push({ line, times: 1 });
  }
  return out.map(({ line, times }) => (times > 1 ? `${line} (${times} times)` : line));
}

/**
 * Pure: the last lines of a program's log for one log line and the history
 * reason: empty lines dropped, a repeated line said once with its count, each
 * line's control characters escaped (a log is text from outside: ESC would
 * drive the terminal of whoever reads it), the newest kept when it is too
 * long. `cutAtStart`: the text is the end of a longer log, so its first line
 * is probably a fragment and is dropped. An empty log gives undefined.
 */
export function lastLines(text: string, cutAtStart: boolean): string | undefined {
  let lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (cutAtStart && lines.length > 1) lines = lines.slice(1);
  const kept = collapseRepeats(
    lines.map((line) => {
      const escaped = escapeControlCharacters(line.trim());
      return escaped.length > LINE_CHARS ? `${escaped.slice(0, LINE_CHARS)}…` : escaped;
    }),
  ).slice(-TAIL_LINES);
  if (kept.length === 0) return undefined;
  const joined = kept.join(' | ');
  return joined.length > TAIL_CHARS ? `…${joined.slice(-TAIL_CHARS)}` : joined;
}
