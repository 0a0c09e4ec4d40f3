import type { AgentEvent } from '../events/AgentEvent.js';

/** A row the agent will not act on, to be recorded in the history (with its notification). */
export interface Rejection {
  readonly processId: number;
  readonly name: string | null;
  readonly reason: string;
  readonly event: AgentEvent;
}

/** Rows written per transaction. */
export const REJECTION_BATCH = 100;

/**
 * Records rejections one batch at a time, in the order they came. Ten thousand
 * rows rejected at once used to start ten thousand transactions at once (the
 * agent's peak memory); here they wait as small records in one queue. A batch
 * whose write fails is dropped (write retries it first; it logs what failed).
 */
export class RejectionRecorder {
  private readonly queue: Rejection[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: (batch: readonly Rejection[]) => Promise<void>,
    private readonly batchSize = REJECTION_BATCH,
  ) {}

  add(rejection: Rejection): void {
    this.queue.push(rejection);
    this.running ??= this.drain();
  }

  /** Something is queued or being written. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Resolves once everything added so far (and meanwhile) is written or given up. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.batchSize);
        await this.write(batch).catch(() => undefined);
      }
    } finally {
      // Same turn as the last empty-queue check: nothing can be added in between.
      this.running = undefined;
    }
  }
}
