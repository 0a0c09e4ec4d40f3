import { statSync } from 'node:fs';
import path from 'node:path';
import { findUntrustedPath, runningAsRoot } from '../fs/findUntrustedPath.js';

/**
 * At start: [metrics] textfile must be in an existing directory that only root
 * can change (a root daemon writing where others can plant a link would
 * overwrite any file). One line naming the key, or undefined.
 */
export function checkMetricsTextfile(file: string, asRoot: boolean = runningAsRoot()): string | undefined {
  if (file === '') return undefined;
  const dir = path.dirname(file);
  const where = `[metrics] textfile = "${file}"`;
  try {
    if (!statSync(dir).isDirectory()) return `${where}: expected a file in a directory (${dir} is not one)`;
  } catch (error) {
    return `${where}: expected a file in an existing directory (${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  const untrusted = asRoot ? findUntrustedPath(dir) : undefined;
  return untrusted ? `${where}: expected a directory that only root can change, since the agent writes there as root: ${untrusted}` : undefined;
}
