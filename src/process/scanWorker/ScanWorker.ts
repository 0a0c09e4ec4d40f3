import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProcessTable } from '../readProcessTable.js';

/** The worker goes away after this long without a walk (it is only wanted in bursts). */
export const SCAN_WORKER_IDLE_MS = 60_000;

/** A walk the worker has not answered by then fails (the caller walks by itself) and the worker is stopped. */
export const SCAN_ANSWER_TIMEOUT_MS = 5_000;

/** The worker holds one table at a time: small V8 limits keep its memory small. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 };

interface OwedScan {
  resolve(table: ProcessTable): void;
  reject(error: Error): void;
}

/**
 * A worker thread (scanWorkerMain) that walks /proc for the agent during a
 * burst. Started on demand, used once it is online, stopped after
 * SCAN_WORKER_IDLE_MS without a walk. If it fails, is stuck or exits, the
 * walks it owed are rejected and the agent walks on its own thread again.
 */
export class ScanWorker {
  private worker: Worker | undefined;
  private online = false;
  private readonly owed: OwedScan[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private answerTimer: NodeJS.Timeout | undefined;
  private programExists: boolean | undefined;

  constructor(
    private readonly program: string = fileURLToPath(new URL('./scanWorkerMain.js', import.meta.url)),
    private readonly answerTimeoutMs = SCAN_ANSWER_TIMEOUT_MS,
    private readonly idleMs = SCAN_WORKER_IDLE_MS,
  ) {}

  /** The program exists (it does in the built agent; not when run from the TypeScript sources). Looked at once. */
  get available(): boolean {
    this.programExists ??= existsSync(this.program);
    return this.programExists;
  }

  get ready(): boolean {
    return this.online;
  }

  /** Starts the worker unless it runs already; walks go through it once it is online. */
  start(): void {
    if (this.worker !== undefined || !this.available) return;
    const worker = new Worker(this.program, { resourceLimits: RESOURCE_LIMITS });
    this.worker = worker;
    worker.unref(); // an idle worker never keeps the agent running
    worker.once('online', () => {
      if (this.worker === worker) this.online = true;
    });
    worker.on('message', (table: ProcessTable) => this.answer(worker, table));
    worker.once('error', (error) => this.lost(worker, `the /proc scan worker failed: ${error.message}`));
    worker.once('exit', (code) => this.lost(worker, `the /proc scan worker exited (status ${code})`));
    this.touch();
  }

  /** One walk of /proc by the worker. Only when ready. */
  scan(): Promise<ProcessTable> {
    const worker = this.worker;
    if (worker === undefined || !this.online) return Promise.reject(new Error('the /proc scan worker is not running'));
    return new Promise<ProcessTable>((resolve, reject) => {
      this.owed.push({ resolve, reject });
      // While a walk is owed, the agent waits for it like for any other I/O.
      worker.ref();
      this.answerTimer ??= this.startAnswerTimer(worker);
      worker.postMessage(null);
      this.touch();
    });
  }

  /** Stops the worker; walks it owed are rejected. */
  close(): void {
    void this.worker?.terminate();
  }

  private answer(worker: Worker, table: ProcessTable): void {
    this.owed.shift()?.resolve(table);
    clearTimeout(this.answerTimer);
    this.answerTimer = this.owed.length > 0 ? this.startAnswerTimer(worker) : undefined;
    if (this.owed.length === 0) worker.unref();
  }

  private startAnswerTimer(worker: Worker): NodeJS.Timeout {
    const timer = setTimeout(() => this.lost(worker, `the /proc scan worker did not answer within ${this.answerTimeoutMs} ms`), this.answerTimeoutMs);
    timer.unref();
    return timer;
  }

  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.online = false;
    clearTimeout(this.idleTimer);
    clearTimeout(this.answerTimer);
    this.answerTimer = undefined;
    void worker.terminate();
    for (const scan of this.owed.splice(0)) scan.reject(new Error(reason));
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), this.idleMs);
    this.idleTimer.unref();
  }
}
