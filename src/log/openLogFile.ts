import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';

// Read-write so that rotation can copy from this very descriptor (never from a
// name that could have been swapped); append so every write lands at the end,
// also right after a truncation. NOFOLLOW: a symbolic link planted at log_file
// is refused, never followed. NONBLOCK: a FIFO planted there cannot hang the agent.
const FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export const LOG_FILE_MODE = 0o640;

export interface OpenLogFile {
  fd: number;
  stats: Stats;
}

/** Opens (or creates) log_file for appending; throws with a reason when it is not a plain file of its own. */
export function openLogFile(file: string): OpenLogFile {
  const fd = openSync(file, FLAGS, LOG_FILE_MODE);
  const stats = fstatSync(fd);
  const problem = !stats.isFile()
    ? 'not a regular file'
    : stats.nlink > 1
      ? `a file with ${stats.nlink} hard links (it could be another file's name)`
      : undefined;
  if (problem) {
    closeSync(fd);
    throw new Error(`${file} is ${problem}`);
  }
  return { fd, stats };
}
