import { lstatSync, readdirSync, readlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { isPreviousVersionLink, previousVersionFiles } from './previousVersionFiles.js';

/**
 * When log_file is the symbolic link an earlier version kept pointing at its
 * dated files, removes the link (so that log_file becomes a regular file) and
 * returns the earlier version's files left in the directory; otherwise
 * returns undefined and touches nothing. A link pointing anywhere else is left
 * alone: opening refuses it.
 */
export function replacePreviousVersionLink(logFile: string): string[] | undefined {
  let target: string;
  try {
    if (!lstatSync(logFile).isSymbolicLink()) return undefined;
    target = readlinkSync(logFile);
  } catch {
    return undefined;
  }
  if (!isPreviousVersionLink(logFile, target)) return undefined;
  unlinkSync(logFile);
  return previousVersionFiles(logFile, readdirSync(path.dirname(logFile)));
}
