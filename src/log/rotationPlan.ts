/** `log_file.N`: the N-th older file (`.1` is the most recent one). */
export function rotatedName(logFile: string, n: number): string {
  return `${logFile}.${n}`;
}

/**
 * Pure: the renames that make room for a new `log_file.1`, oldest first, so
 * that none overwrites a file still to be moved. log_files_to_keep counts the
 * current file: with 5, the files are log_file and log_file.1 … log_file.4, so
 * .3 → .4 (replacing the oldest), .2 → .3, .1 → .2. With 1 or 2 there is
 * nothing to rename (with 2, the old .1 is simply replaced).
 */
export function rotationRenames(logFile: string, filesToKeep: number): Array<[from: string, to: string]> {
  const renames: Array<[string, string]> = [];
  for (let n = filesToKeep - 2; n >= 1; n--) renames.push([rotatedName(logFile, n), rotatedName(logFile, n + 1)]);
  return renames;
}

/** Pure: a line of `bytes` goes into a fresh file when it would take a non-empty one past the limit. */
export function needsRotation(currentSize: number, bytes: number, maxBytes: number): boolean {
  return currentSize > 0 && currentSize + bytes > maxBytes;
}
