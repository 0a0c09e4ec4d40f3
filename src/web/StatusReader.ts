import type { StatusData } from '../commands/statusScreen.js';

/** Reads at most this often, however many browsers refresh. */
const MAX_AGE_MS = 1000;

/**
 * The status page's reads: one at a time, shared by the requests that come
 * meanwhile, and reused for a second, so a page left open on many phones
 * costs the database one read per second at most.
 */
export class StatusReader {
  private last: { at: number; data: StatusData } | undefined;
  private reading: Promise<StatusData> | undefined;

  constructor(
    private readonly readOnce: () => Promise<StatusData>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  read(): Promise<StatusData> {
    if (this.last && this.now() - this.last.at < MAX_AGE_MS) return Promise.resolve(this.last.data);
    this.reading ??= this.readOnce()
      .then((data) => {
        this.last = { at: this.now(), data };
        return data;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}
