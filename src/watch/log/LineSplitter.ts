/** One line of text read from a stream; `cut` when it was longer than the limit and only its start was kept. */
export interface Line {
  text: string;
  cut: boolean;
}

/**
 * Splits a byte stream into lines, keeping at most `maxBytes` of any one line
 * (the rest is skipped up to its newline), so a 1 GB line or a binary file
 * without newlines costs `maxBytes` of memory, not its size. Bytes are decoded
 * as UTF-8 (invalid sequences become U+FFFD); a trailing CR is dropped.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private cut = false;

  constructor(private readonly maxBytes: number) {}

  /** The lines that `chunk` completes, in order. */
  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      this.keep(chunk.subarray(start, end));
      if (newline === -1) break;
      lines.push(this.take());
      start = newline + 1;
    }
    return lines;
  }

  /** The partial last line, if any, as a line (at the end of a file that was rotated away). */
  flush(): Line | undefined {
    return this.kept > 0 || this.cut ? this.take() : undefined;
  }

  private keep(piece: Buffer): void {
    const room = this.maxBytes - this.kept;
    if (piece.length > room) this.cut = true;
    const kept = piece.subarray(0, Math.min(room, piece.length));
    if (kept.length === 0) return;
    // A copy: the chunk it came from is not held while the line waits for its end.
    this.parts.push(Buffer.from(kept));
    this.kept += kept.length;
  }

  private take(): Line {
    let text = Buffer.concat(this.parts, this.kept).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line = { text, cut: this.cut };
    this.parts = [];
    this.kept = 0;
    this.cut = false;
    return line;
  }
}
