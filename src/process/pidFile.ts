import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The largest PID Linux hands out (pid_max can be set up to 2^22). */
export const PID_MAX = 4_194_304;
/** A pid file holds a number and a newline; more than this is not one. */
const READ_BYTES = 64;

export type PidFileRead = { ok: true; pid: number; writtenAtMs: number } | { ok: false; missing: boolean; reason: string };

/** Pure: the PID on the first line, or why the text is not a pid file's. */
export function parsePidText(text: string): { pid: number } | { reason: string } {
  const firstLine = (text.split('\n')[0] ?? '').trim();
  if (firstLine === '') return { reason: 'is empty' };
  const pid = /^\d{1,7}$/.test(firstLine) ? Number(firstLine) : Number.NaN;
  if (!(pid >= 1 && pid <= PID_MAX)) return { reason: `does not hold a PID (first line ${JSON.stringify(firstLine.slice(0, 20))})` };
  return { pid };
}

/**
 * The PID in a pid file and when the file was last written. Opened without
 * blocking and read only if it is a regular file (a FIFO planted there would
 * hang the read); only the first bytes are read.
 */
export function readPidFile(file: string): PidFileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, reason: `no pid file ${file}` };
    return { ok: false, missing: false, reason: `pid file ${file} cannot be read (${code ?? String(error)})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, missing: false, reason: `pid file ${file} is not a regular file` };
    const buffer = Buffer.alloc(READ_BYTES);
    const length = readSync(fd, buffer, 0, READ_BYTES, 0);
    const parsed = parsePidText(buffer.toString('latin1', 0, length));
    if ('reason' in parsed) return { ok: false, missing: false, reason: `pid file ${file} ${parsed.reason}` };
    return { ok: true, pid: parsed.pid, writtenAtMs: stats.mtimeMs };
  } finally {
    closeSync(fd);
  }
}
