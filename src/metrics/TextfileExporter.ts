import type { Logger } from '../log/createLogger.js';
import { writeTextfile } from './writeTextfile.js';

/** The file is rewritten at most this often, however short check_interval is. */
const MIN_INTERVAL_MS = 1000;

/**
 * Keeps [metrics] textfile up to date: update() asks for a write; writes never
 * overlap, and requests that come while one runs (or within a second of the
 * last) are folded into one. A failing write is logged once as a warning,
 * then at DEBUG until a write succeeds again.
 */
export class TextfileExporter {
  private writing: Promise<void> | undefined;
  private again = false;
  private lastWrite = 0;
  private failing = false;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly render: () => Promise<string>,
    private readonly refuse: (dir: string) => string | undefined,
    private readonly log: Logger,
  ) {}

  update(): void {
    if (this.closed) return;
    if (this.writing) {
      this.again = true;
      return;
    }
    this.writing = this.writeSoon().finally(() => {
      this.writing = undefined;
      if (this.again) {
        this.again = false;
        this.update();
      }
    });
  }

  /** Waits for a write in progress; no new one starts. */
  async close(): Promise<void> {
    this.closed = true;
    this.again = false;
    await this.writing;
  }

  private async writeSoon(): Promise<void> {
    const wait = this.lastWrite + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
    if (this.closed) return;
    this.lastWrite = Date.now();
    try {
      await writeTextfile(this.file, await this.render(), this.refuse);
      if (this.failing) this.log.info(`[metrics] textfile ${this.file} written again`);
      this.failing = false;
    } catch (error) {
      const line = `[metrics] textfile ${this.file}: ${error instanceof Error ? error.message : String(error)}`;
      if (this.failing) this.log.debug(line);
      else this.log.warning(`${line} (said once until a write succeeds)`);
      this.failing = true;
    }
  }
}
