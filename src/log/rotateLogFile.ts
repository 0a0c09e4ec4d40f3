import { closeSync, constants, ftruncateSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { LOG_FILE_MODE } from './openLogFile.js';
import { rotatedName, rotationRenames } from './rotationPlan.js';

function ignoreMissing(action: () => void): void {
  try {
    action();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Writes all of `data`, however many calls that takes. */
export function writeAll(fd: number, data: Uint8Array): void {
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written);
}

/**
 * Copies what the open log file holds into a new file `to`. The name is
 * unlinked first and created exclusively without following links, so a link
 * planted there is replaced, never written through; and the content comes from
 * our own descriptor, not from log_file's name.
 */
function copyDescriptorTo(fd: number, size: number, to: string): void {
  ignoreMissing(() => unlinkSync(to));
  const out = openSync(to, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, LOG_FILE_MODE);
  try {
    const buffer = Buffer.allocUnsafe(Math.min(size, 1 << 20) || 1);
    for (let position = 0; position < size;) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
      if (read === 0) break;
      writeAll(out, buffer.subarray(0, read));
      position += read;
    }
  } finally {
    closeSync(out);
  }
}

/**
 * Copy-then-truncate, done by the writer between two writes: log_file keeps
 * its inode for ever, so `tail -f` and `tail -F` never have to switch files.
 * log_file.1 … log_file.(filesToKeep-1) hold the older lines, .1 the newest.
 */
export function rotateLogFile(fd: number, size: number, logFile: string, filesToKeep: number): void {
  if (filesToKeep > 1) {
    for (const [from, to] of rotationRenames(logFile, filesToKeep)) ignoreMissing(() => renameSync(from, to));
    copyDescriptorTo(fd, size, rotatedName(logFile, 1));
  }
  ftruncateSync(fd, 0);
}
