import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runningAsRoot } from '../fs/findUntrustedPath.js';
import { findLogFileRefusal } from './findLogFileRefusal.js';

/**
 * At start, a log file the agent cannot or must not write is a clear error
 * naming the key, not a silent loss of logs: a directory it cannot create or
 * write, or one of the refusals of findLogFileRefusal.
 */
export function checkLogDirectory(logFile: string, asRoot: boolean = runningAsRoot()): string | undefined {
  if (logFile === '') return undefined;
  const dir = path.dirname(logFile);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return `[logging] log_file = "${logFile}": expected a file in a writable directory (${dir}: ${code})`;
  }
  return findLogFileRefusal(logFile, asRoot);
}
