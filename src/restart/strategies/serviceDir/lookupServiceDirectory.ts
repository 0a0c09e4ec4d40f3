import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { findUntrustedPath } from '../../../fs/findUntrustedPath.js';

/** missing: `nothing` when there is nothing at all at that path (else something that is no service directory). */
export type ServiceDirectory = { kind: 'found' } | { kind: 'missing'; reason: string; nothing: boolean };

/**
 * Is there a service directory at `at`? A symbolic link is followed
 * (/etc/service/foo -> /etc/sv/foo is how daemontools and runit enable a
 * service); what it points at must be a directory.
 */
export function lookupServiceDirectory(at: string): ServiceDirectory {
  let isLink = false;
  try {
    isLink = lstatSync(at).isSymbolicLink();
    if (statSync(at).isDirectory()) return { kind: 'found' };
    return { kind: 'missing', reason: `${at} is not a directory`, nothing: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (isLink) return { kind: 'missing', reason: `${at} is a symbolic link to nothing (${code})`, nothing: false };
    if (code === 'ENOENT') return { kind: 'missing', reason: `no service directory ${at}`, nothing: true };
    return { kind: 'missing', reason: `cannot read service directory ${at} (${code})`, nothing: false };
  }
}

/** The scripts a supervisor (or sv, for ./check) runs from a service directory. */
export const SERVICE_SCRIPTS = ['run', 'finish', 'check'] as const;

/**
 * Why someone other than root could change what runs as this service, or
 * undefined: the service directory (a link's target, the directory holding
 * the link, every directory above) and the scripts in it must be root's
 * alone (findUntrustedPath). Whoever can write ./run chooses what the
 * supervisor runs as root on the restart the agent asks for.
 */
export function untrustedServiceDirectory(at: string, statOf?: Parameters<typeof findUntrustedPath>[1]): string | undefined {
  const dir = findUntrustedPath(at, statOf);
  if (dir !== undefined) return dir;
  for (const script of SERVICE_SCRIPTS) {
    const file = path.join(at, script);
    if (!existsSync(file)) continue;
    const why = findUntrustedPath(file, statOf);
    if (why !== undefined) return why;
  }
  return undefined;
}
