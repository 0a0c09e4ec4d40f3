// Pure readers of what supervisorctl (supervisor 4.x) prints. Every answer is text from
// outside the agent: what it keeps is escaped and bounded before it reaches a log line.
import { escapeControlCharacters } from '../../log/escapeControlCharacters.js';

/** supervisord's process states (supervisor.states.ProcessStates). */
export const PROGRAM_STATES = ['STOPPED', 'STARTING', 'RUNNING', 'BACKOFF', 'STOPPING', 'EXITED', 'FATAL', 'UNKNOWN'] as const;
export type ProgramState = (typeof PROGRAM_STATES)[number];

/** What supervisorctl said about one program, or why it could not say. */
export type SupervisorAnswer =
  /** The program's status line: "RUNNING" and "pid 12, uptime 0:01:02". */
  | { kind: 'state'; state: ProgramState; description: string }
  /** supervisord runs, but has no program of that name. */
  | { kind: 'unknown-program'; said: string }
  /** supervisord is not running (socket missing), or not answering (socket left by a dead one). */
  | { kind: 'unreachable'; said: string }
  /** Anything else (authentication, a configuration error, a traceback): what it said. */
  | { kind: 'failed'; said: string };

/** What `supervisorctl restart NAME` did: the answers above, or the start step's own result. */
export type RestartAnswer =
  | { kind: 'started'; said: string }
  /** Started, but gone before startsecs (abnormal termination, spawn error): supervisord may still retry it. */
  | { kind: 'did-not-stay-up'; said: string }
  /** Not started at all (no such file, file is not executable, already started…). */
  | { kind: 'start-refused'; said: string }
  | Exclude<SupervisorAnswer, { kind: 'state' }>;

const MAX_SAID = 300;

/** Lines of output, trailing blanks gone, empty lines dropped. */
function linesOf(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** Text from supervisorctl for a log line: control characters escaped, lines joined, length capped. */
export function shown(lines: readonly string[]): string {
  const text = escapeControlCharacters(lines.map((line) => line.trim().replace(/\s+/g, ' ')).join(' | '));
  return text.length > MAX_SAID ? `${text.slice(0, MAX_SAID)}…` : text;
}

/**
 * How supervisorctl names a program in its answers: "group:name", or just
 * "name" when the group has the program's name (make_namespec). A request for
 * "web:web" is answered as "web".
 */
export function namesOf(program: string): string[] {
  const colon = program.indexOf(':');
  if (colon < 0) return [program];
  const group = program.slice(0, colon);
  return group === program.slice(colon + 1) ? [program, group] : [program];
}

/** "unix:///run/supervisor.sock no such file" / "… refused connection" (supervisorctl's upcheck). */
const UNREACHABLE = /^(?:unix|https?):\/\/\S* (?:no such file|refused connection)$/;

function unreachableLine(lines: readonly string[]): string | undefined {
  return lines.find((line) => UNREACHABLE.test(line.trim()));
}

function isState(word: string): word is ProgramState {
  return (PROGRAM_STATES as readonly string[]).includes(word);
}

/** One program's result line of a start/stop/restart: "web: started", "web: ERROR (spawn error)". */
function resultOf(line: string, names: readonly string[]): { result: string; error?: string } | undefined {
  const match = /^(\S+): (started|stopped|ERROR \((.*)\))$/.exec(line.trim());
  if (!match || !names.includes(match[1]!)) return undefined;
  return { result: match[2]!, error: match[3] };
}

/**
 * `supervisorctl status NAME`. Its exit status is no guide (4.2 exits 3 for a
 * program that is merely not running, 4 for an unknown one): the text decides.
 */
export function parseStatus(output: string, program: string): SupervisorAnswer {
  const lines = linesOf(output);
  const names = namesOf(program);
  const unreachable = unreachableLine(lines);
  if (unreachable !== undefined) return { kind: 'unreachable', said: shown([unreachable]) };
  for (const line of lines) {
    const match = /^(\S+)\s+([A-Z]+)(?:\s+(.*))?$/.exec(line.trim());
    if (match && names.includes(match[1]!) && isState(match[2]!)) {
      return { kind: 'state', state: match[2], description: shown([match[3] ?? '']) };
    }
    const result = resultOf(line, names);
    if (result?.error === 'no such process') return { kind: 'unknown-program', said: shown([line]) };
  }
  return { kind: 'failed', said: shown(lines.length > 0 ? lines : ['(no output)']) };
}

/** A line of a status listing: "web RUNNING pid 12, uptime 0:00:05", "grp:ga STOPPED Not started". */
function isListingLine(line: string): boolean {
  const match = /^(\S+)\s+([A-Z]+)(?:\s|$)/.exec(line.trim());
  return match !== null && isState(match[2]!);
}

/**
 * One program's answer read from a full `supervisorctl status` listing (every
 * program, one line each): a program that is not listed does not exist. Output
 * that is not a plain listing (a warning, an error) answers `failed`, and the
 * caller asks about the program alone.
 */
export function statusFromListing(output: string, program: string): SupervisorAnswer {
  const answer = parseStatus(output, program);
  if (answer.kind !== 'failed') return answer;
  if (!linesOf(output).every(isListingLine)) return answer;
  return { kind: 'unknown-program', said: `${program} is not in supervisorctl status` };
}

/**
 * `supervisorctl restart NAME`: a stop, then a start, one result line each
 * ("web: stopped" or "web: ERROR (not running)", then "web: started" or
 * "web: ERROR (…)"). The start's line is the verdict.
 */
export function parseRestart(output: string, program: string): RestartAnswer {
  const lines = linesOf(output);
  const names = namesOf(program);
  const unreachable = unreachableLine(lines);
  if (unreachable !== undefined) return { kind: 'unreachable', said: shown([unreachable]) };
  const results = lines.filter((line) => resultOf(line, names) !== undefined);
  const said = shown(results.length > 0 ? results : lines.length > 0 ? lines : ['(no output)']);
  const last = results.length > 0 ? resultOf(results.at(-1)!, names) : undefined;
  if (last?.error === 'no such process') return { kind: 'unknown-program', said: shown([results.at(-1)!]) };
  if (results.length < 2 || last === undefined) return { kind: 'failed', said };
  if (last.result === 'started') return { kind: 'started', said };
  if (last.error === 'abnormal termination' || last.error === 'spawn error') return { kind: 'did-not-stay-up', said };
  if (last.error !== undefined) return { kind: 'start-refused', said };
  return { kind: 'failed', said };
}
