import { findUntrustedPath, runningAsRoot } from '../../fs/findUntrustedPath.js';

/**
 * Why supervisor_config must not be handed to supervisorctl, or undefined.
 * Running as root, supervisorctl takes from that file the server it talks to
 * (a fake one would report any program RUNNING) and the plugins it imports
 * ([ctlplugin:x]): it must be changeable by root alone, like config.ini. A
 * file that does not exist is not judged here (supervisorctl says so).
 */
export function untrustedSupervisorConfig(file: string, asRoot: boolean = runningAsRoot()): string | undefined {
  if (file === '' || !asRoot) return undefined;
  const why = findUntrustedPath(file);
  return why === undefined ? undefined : `supervisor_config ${why}; supervisorctl running as root would take its server and plugins from it`;
}
