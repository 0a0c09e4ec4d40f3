import { sleep } from '../clock/sleep.js';

/**
 * Lets an event end the poll loop's sleep early. Wakes coalesce: any number
 * of them before or during a sleep end that one sleep only, so a burst of
 * events costs one poll. A wake while the loop is polling is kept for the
 * next sleep (the poll may have read the table before that write).
 */
export class Wakeup {
  private pending = false;
  private current: AbortController | undefined;

  wake(): void {
    if (this.current) this.current.abort();
    else this.pending = true;
  }

  /** Sleeps ms, or less if woken or `signal` aborts (never rejects). */
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    try {
      await sleep(ms, AbortSignal.any([controller.signal, signal]));
    } finally {
      this.current = undefined;
    }
  }
}
