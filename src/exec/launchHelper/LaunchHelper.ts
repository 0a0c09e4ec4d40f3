import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandEnvironment } from '../commandEnvironment.js';
import type { LaunchReport, LaunchRequest } from './helperProtocol.js';

/** The helper goes away after this long without a launch (it is only wanted in bursts). */
export const HELPER_IDLE_MS = 10 * 60_000;

/** A launch the helper has not answered by then fails, and the helper is killed: a stuck helper must not hold restarts. */
export const HELPER_ANSWER_TIMEOUT_MS = 10_000;

/** The helper's own V8 limits: it holds a few pending requests, nothing more. */
const HELPER_NODE_ARGS = ['--max-old-space-size=32', '--max-semi-space-size=1'];

/** How a launch went, as the helper or the agent's own fork reports it. */
export interface LaunchEvents {
  spawned(pid: number | undefined): void;
  error(code: string | undefined, message: string): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

/**
 * A small child process (helperMain) that forks the start commands for the agent
 * while it launches in a burst. Started on demand, used once it says it listens,
 * stopped after HELPER_IDLE_MS without a launch; if it dies, launches it had not
 * started yet are told so (they may have started: the attempt fails and the next
 * one stops whatever runs), and the agent forks by itself again.
 */
export class LaunchHelper {
  private child: ChildProcess | undefined;
  private listening = false;
  private nextId = 1;
  private readonly pending = new Map<number, { events: LaunchEvents; spawned: boolean; answerTimer: NodeJS.Timeout }>();
  private idleTimer: NodeJS.Timeout | undefined;
  private programExists: boolean | undefined;

  constructor(
    private readonly program: string = fileURLToPath(new URL('./helperMain.js', import.meta.url)),
    private readonly answerTimeoutMs = HELPER_ANSWER_TIMEOUT_MS,
  ) {}

  /** The program exists (it does in the built agent; not when run from the TypeScript sources). Looked at once. */
  get available(): boolean {
    this.programExists ??= existsSync(this.program);
    return this.programExists;
  }

  get ready(): boolean {
    return this.listening;
  }

  /** Starts the helper unless it runs already; launches go through it once it is ready. */
  start(): void {
    if (this.child !== undefined || !this.available) return;
    const child = fork(this.program, [], {
      execArgv: HELPER_NODE_ARGS,
      env: commandEnvironment(),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      cwd: '/',
    });
    this.child = child;
    // Neither the helper nor its channel keeps the agent running.
    child.unref();
    child.channel?.unref();
    child.on('message', (message: LaunchReport) => this.receive(message));
    child.once('error', () => this.lost(child));
    child.once('exit', () => this.lost(child));
    this.touch();
  }

  /** Sends one launch (run with the helper's environment, the commands' one); `events` hears how it went. Only when ready. */
  launch(file: string, args: readonly string[], events: LaunchEvents): void {
    const id = this.nextId++;
    const child = this.child;
    const answerTimer = setTimeout(() => {
      // Unanswered: the helper is stuck. Killing it answers this launch and every other one waiting (lost()).
      if (this.child === child && this.pending.get(id)?.spawned === false) child?.kill('SIGKILL');
    }, this.answerTimeoutMs);
    answerTimer.unref();
    this.pending.set(id, { events, spawned: false, answerTimer });
    const request: LaunchRequest = { id, file, args: [...args] };
    this.child?.send(request);
    this.touch();
  }

  /** Stops the helper (what it started runs on). */
  close(): void {
    this.child?.disconnect();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private receive(message: LaunchReport): void {
    if (message.kind === 'ready') {
      this.listening = true;
      return;
    }
    const entry = this.pending.get(message.id);
    if (entry === undefined) return;
    clearTimeout(entry.answerTimer);
    if (message.kind === 'spawned') {
      entry.spawned = true;
      entry.events.spawned(message.pid);
    } else if (message.kind === 'error') {
      this.pending.delete(message.id);
      entry.events.error(message.code, message.message);
    } else {
      this.pending.delete(message.id);
      entry.events.exit(message.code, message.signal);
    }
  }

  private lost(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.listening = false;
    clearTimeout(this.idleTimer);
    const pending = [...this.pending.values()];
    this.pending.clear();
    // Started ones keep running; their exit can no longer be heard (the health check still judges them).
    for (const entry of pending)
      if (!entry.spawned)
        entry.events.error(undefined, `the launch helper (PID ${child.pid ?? '?'}) exited before it reported the start (the command may have started)`);
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), HELPER_IDLE_MS);
    this.idleTimer.unref();
  }
}
