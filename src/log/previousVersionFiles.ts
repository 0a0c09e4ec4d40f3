import path from 'node:path';

// Earlier versions wrote dated files through winston-daily-rotate-file:
// BASE-YYYY-MM-DD.log, then .1, .2… at max_log_size, with log_file a symbolic
// link to the current one and a .BASE-audit.json listing them.

function baseName(logFile: string): string {
  return path.basename(logFile, '.log');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function datedFilePattern(logFile: string): RegExp {
  return new RegExp(`^${escapeRegExp(baseName(logFile))}-\\d{4}-\\d{2}-\\d{2}\\.log(\\.\\d+)?$`);
}

/**
 * Pure: whether a symbolic link found at log_file is the one an earlier
 * version made: pointing at one of its dated files in the same directory.
 * Anything else is a link someone else put there.
 */
export function isPreviousVersionLink(logFile: string, linkTarget: string): boolean {
  const dir = path.dirname(path.resolve(logFile));
  const target = path.resolve(dir, linkTarget);
  return path.dirname(target) === dir && datedFilePattern(logFile).test(path.basename(target));
}

/** Pure: the dated files and the audit file of an earlier version among `names` (a directory listing). */
export function previousVersionFiles(logFile: string, names: readonly string[]): string[] {
  const dated = datedFilePattern(logFile);
  const audit = `.${baseName(logFile)}-audit.json`;
  return names.filter((name) => dated.test(name) || name === audit).sort();
}
