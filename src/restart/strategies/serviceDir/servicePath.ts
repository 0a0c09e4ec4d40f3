import path from 'node:path';

export type ServicePath = { ok: true; path: string } | { ok: false; reason: string };

/** Pure: the service_dir in use: the configured one, or the manager's usual one when empty. */
export function serviceDirOf(configured: string, usual: string): string {
  const dir = configured === '' ? usual : configured;
  return dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
}

/**
 * Pure: SERVICE_DIR/NAME, a directory directly inside service_dir. The name
 * comes from the database: one that would be read as a path (a "/", "." or
 * "..", a leading dot as in s6's .s6-svscan) is refused, though
 * validateProcessName lets none of them through already.
 */
export function servicePath(serviceDir: string, name: string): ServicePath {
  if (name === '' || name.includes('/') || name.includes('\0') || name.startsWith('.')) {
    return { ok: false, reason: `${JSON.stringify(name)} is not a service name that stays inside ${serviceDir} (no "/", no leading ".")` };
  }
  if (!path.isAbsolute(serviceDir)) return { ok: false, reason: `service_dir ${JSON.stringify(serviceDir)} is not an absolute path` };
  return { ok: true, path: path.join(serviceDir, name) };
}
