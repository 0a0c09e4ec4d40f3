import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

/** At start, an unusable log directory is a clear error naming the key, not a silent loss of logs. */
export function checkLogDirectory(logFile: string): string | undefined {
  if (logFile === '') return undefined;
  const dir = path.dirname(logFile);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return `[logging] log_file = "${logFile}": expected a file in a writable directory (${dir}: ${code})`;
  }
}
