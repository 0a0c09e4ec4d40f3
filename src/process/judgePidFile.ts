import { escapeControlCharacters } from '../log/escapeControlCharacters.js';

/**
 * How far a process's start may come after its pid file's last write and still
 * count as the process that wrote it: file systems keep mtime to the second
 * (ext3) or two (FAT), and a start read from /proc is already up to 1 s early.
 */
export const WRITE_SLACK_MS = 2000;

/** What /proc says about the PID a pid file names. */
export interface NamedProcess {
  /** Exists and is no zombie. */
  running: boolean;
  /** Wall-clock start, ms. */
  startedAtMs: number;
  /** Its command line, for the message. */
  commandLine: string;
  /** It carries the monitored name (as the process strategy stops by name). */
  carriesName: boolean;
}

export type PidFileVerdict = { instance: true } | { instance: false; reason: string };

/**
 * Pure: is the PID in a pid file the process it was written for? Pid files go
 * stale (the process died without removing it) and PIDs are reused: a process
 * that is not running is no instance, nor is one that started after the file
 * was last written (it cannot have written its own PID before it existed) and
 * does not even carry the monitored name — another program under a recycled PID.
 */
export function judgePidFileProcess(file: string, pid: number, writtenAtMs: number, name: string, found: NamedProcess | undefined): PidFileVerdict {
  if (found === undefined || !found.running) return { instance: false, reason: `pid file ${file} names PID ${pid}, which is not running (a stale pid file)` };
  const lateBy = found.startedAtMs - writtenAtMs;
  if (lateBy > WRITE_SLACK_MS && !found.carriesName) {
    const shown = found.commandLine.length > 80 ? `${found.commandLine.slice(0, 80)}…` : found.commandLine;
    return {
      instance: false,
      reason:
        `pid file ${file} names PID ${pid}, which is now another program (${escapeControlCharacters(JSON.stringify(shown))}, started ` +
        `${(lateBy / 1000).toFixed(1)} s after the file was written): a reused PID, not ${name}; never signalled`,
    };
  }
  return { instance: true };
}
