import { loadExeca } from './loadExeca.js';
import { commandEnvironment } from './commandEnvironment.js';
import { trackCommandGroup } from './commandGroups.js';
import { killProcessGroup } from './killProcessGroup.js';
import { OUTPUT_LEFT_OPEN_NOTE, OutputWait } from './outputWait.js';

/** Output kept from one command; more than this is cut, and the command stopped. */
export const OUTPUT_CAP_BYTES = 64 * 1024;

export interface CommandResult {
  /** Exit status, or undefined when killed by a signal or never started. */
  exitCode: number | undefined;
  signal: string | undefined;
  timedOut: boolean;
  outputCapped: boolean;
  /**
   * A process that left the command's group (setsid) still held stdout/stderr after
   * the command ended: its output was no longer waited for. The exit status stays
   * the command's own.
   */
  outputLeftOpen: boolean;
  /** Could not be started at all (ENOENT, EACCES…). */
  startError: string | undefined;
  /** stdout and stderr interleaved, trimmed. */
  output: string;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Aborting kills the command's process group (shutdown). */
  signal?: AbortSignal;
  /** Working directory (default: the agent's own). */
  cwd?: string;
  /** Written to the command's standard input (else stdin is closed). */
  input?: string;
}

export function succeeded(result: CommandResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.outputCapped;
}

/** One line saying how a command ended, for logs and history. */
export function describeResult(result: CommandResult): string {
  let how: string;
  if (result.startError) how = `could not start: ${result.startError}`;
  else if (result.timedOut) how = `timed out after ${(result.durationMs / 1000).toFixed(1)}s (process group killed)`;
  else if (result.outputCapped) how = `printed more than ${OUTPUT_CAP_BYTES / 1024} KB (stopped)`;
  else if (result.signal) how = `killed by ${result.signal}`;
  else how = `exit status ${result.exitCode}`;
  if (result.outputLeftOpen) how = `${how}; ${OUTPUT_LEFT_OPEN_NOTE}`;
  const output = result.output.trim();
  if (output === '') return how;
  const oneLine = output.length > 500 ? `${output.slice(0, 500)}…` : output;
  return `${how}; output: ${oneLine.replace(/\s*\n\s*/g, ' | ')}`;
}

/**
 * Runs a program (argv, no shell) in its own process group with a timeout.
 * On timeout, abort or exit, whatever is left of its group is killed, so no
 * grandchild outlives the command. A process that left the group (setsid) is
 * out of reach: if it holds the output open, that is not waited for (OutputWait).
 */
export async function runArgv(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const { execa } = await loadExeca();
  const started = Date.now();
  let timedOut = false;
  const child = execa(file, args, {
    detached: true,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    all: true,
    reject: false,
    maxBuffer: OUTPUT_CAP_BYTES,
    env: commandEnvironment(options.env ?? process.env),
    extendEnv: false,
    stripFinalNewline: true,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const pgid = child.pid;
  const untrack = trackCommandGroup(pgid);
  const outputWait = new OutputWait([child.stdout, child.stderr], pgid);
  // When the command itself ends, what it left in the background goes with it:
  // a grandchild holding stdout open would otherwise keep us waiting until the
  // timeout, and outlive the command.
  child.once('exit', () => {
    killProcessGroup(pgid);
    outputWait.start();
  });
  // execa marks maxBuffer but leaves the command running (a shell whose child
  // floods stdout lives on until the timeout): stop the group at the cap.
  let outputBytes = 0;
  let capped = false;
  const countOutput = (chunk: { length: number }): void => {
    outputBytes += chunk.length;
    if (outputBytes > OUTPUT_CAP_BYTES && !capped) {
      capped = true;
      killProcessGroup(pgid);
    }
  };
  child.stdout?.on('data', countOutput);
  child.stderr?.on('data', countOutput);
  const timer = setTimeout(() => {
    if (capped) return;
    timedOut = true;
    killProcessGroup(pgid);
    outputWait.force();
  }, options.timeoutMs);
  const onAbort = (): void => {
    killProcessGroup(pgid);
    outputWait.force();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await child;
    const startError = pgid === undefined || result.code === 'ENOENT' || result.code === 'EACCES' ? (result.code ?? result.shortMessage) : undefined;
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut,
      outputCapped: capped || Boolean(result.isMaxBuffer),
      outputLeftOpen: outputWait.leftOpen,
      startError: startError ? String(startError) : undefined,
      // stdout and stderr each fill up to maxBuffer: keep no more than the cap in all.
      output: typeof result.all === 'string' ? result.all.slice(0, OUTPUT_CAP_BYTES) : '',
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
    outputWait.stop();
    options.signal?.removeEventListener('abort', onAbort);
    killProcessGroup(pgid);
    untrack();
  }
}

/** Runs a configured command line through /bin/sh (config.ini is trusted, root-owned). */
export function runShellCommand(command: string, options: RunOptions): Promise<CommandResult> {
  return runArgv('/bin/sh', ['-c', command], options);
}
