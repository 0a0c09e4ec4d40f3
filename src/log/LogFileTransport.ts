import TransportStream from 'winston-transport';
import type { LogFile } from './LogFile.js';

const MESSAGE = Symbol.for('message');

/** winston's side of LogFile: each formatted line is written before winston is told it was logged. */
export class LogFileTransport extends TransportStream {
  constructor(
    private readonly file: LogFile,
    options: TransportStream.TransportStreamOptions,
  ) {
    super(options);
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    this.file.write(String(info[MESSAGE]));
    next();
  }

  override close(): void {
    this.file.close();
  }
}
