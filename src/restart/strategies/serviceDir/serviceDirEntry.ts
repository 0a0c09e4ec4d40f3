import { runningAsRoot } from '../../../fs/findUntrustedPath.js';
import type { Detection, StrategyEntry } from '../StrategyEntry.js';
import { lookupServiceDirectory, untrustedServiceDirectory } from './lookupServiceDirectory.js';
import { managerOfDirectory, type ManagerKind } from './managerOfDirectory.js';
import type { ServiceDirManager } from './ServiceDirManager.js';
import { serviceDirStrategy } from './serviceDirStrategy.js';
import { serviceDirOf, servicePath } from './servicePath.js';

/** Why the agent must never restart this service directory as root, in the words of a refusal. */
function refusal(manager: ServiceDirManager, untrusted: string): string {
  return `${untrusted}; whoever can change a service directory or its run script chooses what root runs, so the agent does not restart it with ${manager.name}`;
}

/**
 * The registry entry of a service-directory manager. build refuses a name
 * that would leave service_dir and, running as root, a service directory
 * (or its scripts, or a directory above) that someone else could change; a
 * missing directory is left to the attempt, which fails saying so. detect
 * (auto) applies when service_dir/NAME exists and holds this manager's
 * files; it refuses as build does.
 */
export function serviceDirEntry<Name extends ManagerKind>(manager: ServiceDirManager<Name>, asRoot: () => boolean = runningAsRoot): StrategyEntry<Name> {
  const locate = (name: string, configured: string) => {
    const serviceDir = serviceDirOf(configured, manager.usualServiceDir);
    return { serviceDir, where: servicePath(serviceDir, name) };
  };
  return {
    name: manager.name,
    summary: manager.summary,
    requires: [],
    build({ name, settings }) {
      const { serviceDir, where } = locate(name, settings.service_dir);
      if (!where.ok) return Promise.resolve({ ok: false, refused: true, reason: where.reason });
      const root = asRoot();
      const untrusted = root && lookupServiceDirectory(where.path).kind === 'found' ? untrustedServiceDirectory(where.path) : undefined;
      if (untrusted !== undefined) return Promise.resolve({ ok: false, refused: true, reason: refusal(manager, untrusted) });
      return Promise.resolve({ ok: true, strategy: serviceDirStrategy(manager, { serviceDir, dir: where.path, asRoot: root }, settings) });
    },
    detect({ name, settings }): Promise<Detection> {
      const { where } = locate(name, settings.service_dir);
      if (!where.ok) return Promise.resolve({ kind: 'refused', reason: where.reason });
      const dir = where.path;
      const found = lookupServiceDirectory(dir);
      if (found.kind === 'missing') {
        const reason = found.nothing ? `no ${manager.name} service ${dir}` : `no ${manager.name} service: ${found.reason}`;
        return Promise.resolve({ kind: 'absent', note: `no ${manager.name} service ${dir}`, reason });
      }
      const owner = managerOfDirectory(dir);
      if (owner.manager !== manager.name) {
        const whose = owner.manager === undefined ? `nothing has supervised it (${owner.evidence})` : `it is a ${owner.manager} service (${owner.evidence})`;
        return Promise.resolve({ kind: 'absent', note: `${dir} is no ${manager.name} service`, reason: `${dir} is no ${manager.name} service: ${whose}` });
      }
      const untrusted = asRoot() ? untrustedServiceDirectory(dir) : undefined;
      if (untrusted !== undefined) return Promise.resolve({ kind: 'refused', reason: refusal(manager, untrusted) });
      return Promise.resolve({ kind: 'applies', note: `${manager.name} service ${dir}` });
    },
  };
}
