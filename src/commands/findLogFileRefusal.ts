import { existsSync, lstatSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { findUntrustedPath, runningAsRoot } from '../fs/findUntrustedPath.js';
import { LOG_DIRECTORY_TRUST } from '../log/logDirectoryTrust.js';
import { isPreviousVersionLink } from '../log/previousVersionFiles.js';

function ownerAndMode(dir: string): string {
  const stats = statSync(dir);
  return `owner uid ${stats.uid}, mode ${(stats.mode & 0o7777).toString(8).padStart(4, '0')}`;
}

/** Where log_file points when it is a symbolic link the agent did not make, else undefined. */
function foreignLinkTarget(logFile: string): string | undefined {
  try {
    if (!lstatSync(logFile).isSymbolicLink()) return undefined;
    const target = readlinkSync(logFile);
    return isPreviousVersionLink(logFile, target) ? undefined : target;
  } catch {
    return undefined;
  }
}

/**
 * Why the agent must not write log_file, changing nothing (so --check-config
 * can say it too): as root, a directory others can change (they could plant a
 * link there for root to write through); a symbolic link at log_file itself.
 */
export function findLogFileRefusal(logFile: string, asRoot: boolean = runningAsRoot()): string | undefined {
  if (logFile === '') return undefined;
  const key = `[logging] log_file = "${logFile}"`;
  const dir = path.dirname(logFile);
  const untrusted = asRoot && existsSync(dir) ? findUntrustedPath(dir, undefined, LOG_DIRECTORY_TRUST) : undefined;
  if (untrusted) {
    return (
      `${key}: the log directory ${dir} (${ownerAndMode(dir)}) can be changed by others: ${untrusted}; ` +
      'expected a directory only root and its group can change (owned by root, not writable by others), ' +
      'since the agent runs as root and would write through a link planted there'
    );
  }
  const target = foreignLinkTarget(logFile);
  if (target !== undefined) {
    return `${key} is a symbolic link to ${target}; expected a regular file (the agent does not write through links): remove the link`;
  }
  return undefined;
}
