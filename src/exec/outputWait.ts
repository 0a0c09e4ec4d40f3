import type { Readable } from 'node:stream';

/**
 * How long output may stay open once the command has exited (or been killed) and
 * nothing of its process group is left. What the command itself printed is read
 * before its exit is even reported (measured: end of output comes 0.3–130 ms
 * *before* the exit event, 300 runs, idle and with the cores saturated); a
 * grandchild killed with the group closes its end within 1–425 ms under the same
 * load, but that wait is covered by the group check, not by this figure. So the
 * grace only has to let the event loop read what is already in the pipe: 150 ms
 * is many loop turns even on a loaded host, and small next to the 500 ms between
 * two health-check runs.
 */
export const OUTPUT_GRACE_MS = 150;

/**
 * How long members of the group, killed with SIGKILL, may take to close their end
 * (measured up to 425 ms with the cores saturated). Also bounds the wait when the
 * group never looks empty: a killed member whose new parent does not reap it (an
 * init that reaps nothing) stays a zombie, and a zombie still counts as a member.
 */
export const GROUP_DYING_MS = 1000;

/** How often the output and the group are looked at while waiting. */
const CHECK_EVERY_MS = 25;

export const OUTPUT_LEFT_OPEN_NOTE = 'a background process (left its process group) kept the output open; not waited for';

export interface OutputWaitState {
  /** Since the command exited, or since it was killed at the timeout/abort. */
  elapsedMs: number;
  /** Some process of the command's group still exists (it is being killed). */
  groupAlive: boolean;
  /** Timeout or abort: stop waiting whoever holds the output. */
  forced: boolean;
}

/**
 * Keep waiting for the output to end, or stop? A member of the group still
 * dying will close its end: wait for it (up to GROUP_DYING_MS), unless the
 * timeout already passed. With the group gone, only a process that left it
 * (setsid, setpgid) can hold the output open, possibly for ever: wait no longer
 * than the grace.
 */
export function keepWaitingForOutput(state: OutputWaitState): boolean {
  if (state.elapsedMs < OUTPUT_GRACE_MS) return true;
  return state.groupAlive && !state.forced && state.elapsedMs < GROUP_DYING_MS;
}

/** True while any process (zombies included) has this process group id. */
export function groupAlive(pgid: number | undefined): boolean {
  if (!pgid) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isOpen = (stream: Readable | null | undefined): stream is Readable => Boolean(stream && !stream.readableEnded && !stream.destroyed);

/**
 * Watches a finished command's stdout/stderr and, when keepWaitingForOutput says
 * so, destroys them: execa then resolves with the output read so far. start() is
 * called when the command exits, force() at the timeout or abort.
 */
export class OutputWait {
  private startedAt: number | undefined;
  private forced = false;
  private timer: NodeJS.Timeout | undefined;
  /** Set when the output was still open and was no longer waited for. */
  leftOpen = false;

  constructor(
    private readonly streams: ReadonlyArray<Readable | null | undefined>,
    private readonly pgid: number | undefined,
  ) {}

  start(): void {
    if (this.startedAt !== undefined) return;
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
  }

  force(): void {
    if (this.forced) return;
    this.forced = true;
    this.startedAt = undefined;
    this.stop();
    this.start();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const open = this.streams.filter(isOpen);
    if (open.length === 0) return this.stop();
    const state = { elapsedMs: Date.now() - (this.startedAt ?? Date.now()), groupAlive: groupAlive(this.pgid), forced: this.forced };
    if (keepWaitingForOutput(state)) return;
    this.stop();
    // One more turn of the event loop (its poll phase) reads what is already in the pipe.
    setImmediate(() => {
      const stillOpen = this.streams.filter(isOpen);
      if (stillOpen.length === 0) return;
      this.leftOpen = true;
      for (const stream of stillOpen) stream.destroy();
    });
  }
}
