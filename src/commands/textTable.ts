/** How a cell should stand out on a terminal; plain text otherwise. */
export type Tone = 'bad' | 'warn' | 'good';
export type Cell = string | { text: string; tone?: Tone };

const ANSI: Record<Tone, string> = { bad: '\u001b[31m', warn: '\u001b[33m', good: '\u001b[32m' };
const RESET = '\u001b[0m';

/** Colours only for a person at a terminal: never in pipes, files or with NO_COLOR set. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

const textOf = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.text);

/**
 * Left-aligned columns separated by two spaces. Widths come from the plain
 * text, and colour wraps the padded cell, so escape codes never shift columns.
 */
export function formatTable(headers: string[], rows: Cell[][], color = false): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => textOf(row[i] ?? '').length)));
  const render = (cells: Cell[]): string =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? textOf(cell) : textOf(cell).padEnd(widths[i] ?? 0);
        const tone = typeof cell === 'string' ? undefined : cell.tone;
        return color && tone ? `${ANSI[tone]}${padded}${RESET}` : padded;
      })
      .join('  ')
      .trimEnd();
  return [render(headers), ...rows.map(render)].map((line) => `${line}\n`).join('');
}
