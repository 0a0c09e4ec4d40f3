import { fstatSync } from 'node:fs';

/**
 * Pure: does JOURNAL_STREAM ("DEVICE:INODE", set by systemd when it connects
 * stdout or stderr to the journal) name this very stream? A service whose
 * stdout was redirected elsewhere inherits the variable but must not write
 * journal prefixes into a file.
 */
export function isJournalStream(journalStream: string | undefined, stream: { dev: number; ino: number }): boolean {
  const match = /^(\d+):(\d+)$/.exec(journalStream ?? '');
  return match !== null && Number(match[1]) === stream.dev && Number(match[2]) === stream.ino;
}

/** Is the agent's stdout connected to journald? */
export function stdoutIsJournal(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.JOURNAL_STREAM === undefined) return false;
  try {
    return isJournalStream(env.JOURNAL_STREAM, fstatSync(1));
  } catch {
    return false;
  }
}

/** sd-daemon(3) priority prefixes, per the agent's levels. */
const PRIORITY: Record<string, number> = { error: 3, warning: 4, info: 6, debug: 7 };

/**
 * A console line for journald: `<4>message`. journald stores the priority
 * (so `journalctl -p warning` filters) and its own timestamp: no second one.
 */
export function journalLine(level: string, message: string): string {
  return `<${PRIORITY[level] ?? 6}>${message}`;
}
