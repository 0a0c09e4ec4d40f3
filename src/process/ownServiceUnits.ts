import { readFileSync } from 'node:fs';

/**
 * Pure: the `.service` units whose cgroup holds this process, read from
 * /proc/self/cgroup text (v2 "0::/path" or v1 "N:name=systemd:/path"). The
 * agent's own unit and, under a user manager, user@UID.service above it:
 * restarting either kills the agent in the middle of its procedure.
 */
export function serviceUnitsInCgroup(cgroupText: string): string[] {
  const units = new Set<string>();
  for (const line of cgroupText.split('\n')) {
    const match = line.match(/^\d+:(|name=systemd):(.*)$/);
    if (!match) continue;
    for (const part of (match[2] ?? '').split('/')) if (part.endsWith('.service')) units.add(part);
  }
  return [...units];
}

let cached: readonly string[] | undefined;

/** The agent's own service units; read once (a process does not change its unit). */
export function ownServiceUnits(): readonly string[] {
  if (cached === undefined) {
    try {
      cached = serviceUnitsInCgroup(readFileSync('/proc/self/cgroup', 'utf8'));
    } catch {
      cached = [];
    }
  }
  return cached;
}
