import type { ProcessSettings } from '../../config/types.js';
import { describeResult, runArgv, type CommandResult } from '../../exec/runCommand.js';
import { escapeControlCharacters } from '../../log/escapeControlCharacters.js';
import { lastLines } from './logTail.js';
import { parseRestart, parseStatus, statusFromListing, type RestartAnswer, type SupervisorAnswer } from './supervisorctlOutput.js';
import type { SupervisorProgram } from './supervisorProgramName.js';

/** How to reach supervisord: supervisor_config ('' = supervisorctl's own search) and command_timeout. */
export interface SupervisorctlSettings {
  configFile: string;
  timeoutMs: number;
}

export function supervisorctlSettings(settings: ProcessSettings): SupervisorctlSettings {
  return { configFile: settings.supervisor_config, timeoutMs: settings.command_timeout * 1000 };
}

/** Bytes of the stderr log asked for (supervisorctl's own default is 1600). */
const TAIL_BYTES = 1600;
/**
 * How long the fallback read of the log (`tail -f`, which never ends by itself)
 * may take: supervisorctl starts, connects and prints the end of the log in
 * well under a second; it is then cut.
 */
const FOLLOW_READ_MS = 2000;
const FOLLOW_HEADER = '==> Press Ctrl-C to exit <==';
/** supervisord's `tail -f` starts this many bytes before the end of the log. */
const FOLLOW_HEAD_BYTES = 1024;

/**
 * `supervisorctl [-c supervisor_config] ARGS`: argv, no shell, within
 * command_timeout. Run from /: without -c, supervisorctl looks for
 * supervisord.conf in its working directory too, and the agent's may be one
 * that others can write (/tmp).
 */
export function supervisorctl(ctl: SupervisorctlSettings, args: readonly string[], signal?: AbortSignal, timeoutMs = ctl.timeoutMs): Promise<CommandResult> {
  const config = ctl.configFile === '' ? [] : ['-c', ctl.configFile];
  return runArgv('supervisorctl', [...config, ...args], { timeoutMs, signal, cwd: '/' });
}

/** Killed, timed out, never started: no answer to read. */
function notAnswered(result: CommandResult): boolean {
  return result.startError !== undefined || result.timedOut || result.outputCapped || result.signal !== undefined;
}

function failure(result: CommandResult): { kind: 'failed'; said: string } {
  return { kind: 'failed', said: escapeControlCharacters(describeResult(result)) };
}

/** `supervisorctl status NAME`, read. */
export async function programStatus(ctl: SupervisorctlSettings, program: SupervisorProgram, signal?: AbortSignal): Promise<SupervisorAnswer> {
  const result = await supervisorctl(ctl, ['status', program], signal);
  return notAnswered(result) ? failure(result) : parseStatus(result.output, program);
}

/** How long one `supervisorctl status` listing answers auto's questions, from its start. */
export const LISTING_REUSE_MS = 2000;
const listings = new Map<string, { startedAt: number; result: Promise<CommandResult> }>();

/**
 * auto's question, "is NAME a supervisor program?", for many alarms at once:
 * supervisorctl is a Python program (0.2–0.4 s of CPU a run), so one listing of
 * every program (`supervisorctl status`) answers the questions of LISTING_REUSE_MS,
 * per supervisor_config. A listing that cannot be read that way: the program alone.
 */
export async function programStatusForAuto(ctl: SupervisorctlSettings, program: SupervisorProgram, signal?: AbortSignal): Promise<SupervisorAnswer> {
  const key = `${ctl.configFile}\0${ctl.timeoutMs}`;
  let listing = listings.get(key);
  if (listing === undefined || performance.now() - listing.startedAt > LISTING_REUSE_MS) {
    listing = { startedAt: performance.now(), result: supervisorctl(ctl, ['status']) };
    listings.set(key, listing);
  }
  const result = await listing.result;
  const answer = notAnswered(result) ? failure(result) : statusFromListing(result.output, program);
  return answer.kind === 'failed' ? programStatus(ctl, program, signal) : answer;
}

/** `supervisorctl restart NAME`, read. */
export async function restartProgram(ctl: SupervisorctlSettings, program: SupervisorProgram, signal?: AbortSignal): Promise<RestartAnswer> {
  const result = await supervisorctl(ctl, ['restart', program], signal);
  return notAnswered(result) ? failure(result) : parseRestart(result.output, program);
}

/** Which of a program's logs supervisorctl reads. */
export type LogChannel = 'stderr' | 'stdout';

/** The end of one of the program's logs, as lastLines gives it. */
export interface LogTail {
  channel: LogChannel;
  text: string;
}

/**
 * The last lines of one of the program's logs (tail undefined when it is
 * empty or cannot be read), or that it has no such log (stderr_logfile = NONE,
 * or redirect_stderr). supervisorctl reads it over XML-RPC, which cannot carry some
 * characters (ESC of a coloured log, a UTF-8 sequence cut at the start): it then
 * fails with an error of its XML parser, and the end of the log is read the way
 * `tail -f` reads it (plain HTTP), for FOLLOW_READ_MS at most.
 */
async function readLog(
  ctl: SupervisorctlSettings,
  program: SupervisorProgram,
  channel: LogChannel,
  signal?: AbortSignal,
): Promise<{ exists: boolean; tail?: string }> {
  const read = await supervisorctl(ctl, ['tail', `-${TAIL_BYTES}`, program, channel], signal);
  if (!notAnswered(read) && read.exitCode === 0) return { exists: true, tail: lastLines(read.output, Buffer.byteLength(read.output) >= TAIL_BYTES) };
  if (read.output.trim().endsWith('ERROR (no log file)')) return { exists: false };
  if (!read.output.startsWith('error: <class')) return { exists: true };
  const follow = await supervisorctl(ctl, ['tail', '-f', program, channel], signal, Math.min(FOLLOW_READ_MS, ctl.timeoutMs));
  const lines = follow.output.split('\n');
  if (lines[0]?.trim() !== FOLLOW_HEADER) return { exists: true };
  const body = lines.slice(1).join('\n');
  return { exists: true, tail: lastLines(body, Buffer.byteLength(body) >= FOLLOW_HEAD_BYTES) };
}

/**
 * The end of the program's stderr log; when it has none (its stderr goes to
 * the stdout log with redirect_stderr = true, a common setting), the end of
 * its stdout log. Undefined when there is nothing to show.
 */
export async function programLogTail(ctl: SupervisorctlSettings, program: SupervisorProgram, signal?: AbortSignal): Promise<LogTail | undefined> {
  for (const channel of ['stderr', 'stdout'] as const) {
    const read = await readLog(ctl, program, channel, signal);
    if (read.exists) return read.tail === undefined ? undefined : { channel, text: read.tail };
  }
  return undefined;
}
