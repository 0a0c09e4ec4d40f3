import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** What the kernel looks at to reach a path: where it really is, and where it looked. */
export interface PathWalk {
  /** The real location (as realpath would say). */
  real: string;
  /** Every directory a name was looked up in, on the way (real paths). */
  directories: string[];
  /** The directories that hold a symbolic link followed on the way. */
  linkHolders: string[];
}

const MAX_LINKS = 40; // as Linux's ELOOP limit

/**
 * Resolves a path one name at a time, like the kernel does, and records every
 * directory it had to look in. realpath only gives the end point; a symbolic
 * link that sits in a directory others can write could be replaced by them,
 * even when its target is root's, so who could change the way matters too.
 * Undefined when the path does not resolve (missing, loop).
 */
export function walkPath(target: string): PathWalk | undefined {
  // Not path.resolve: it would fold `link/..` before the link is followed.
  const absolute = path.isAbsolute(target) ? target : `${process.cwd()}/${target}`;
  const pending = absolute.split('/').filter(Boolean);
  let current = '/';
  const directories = new Set<string>();
  const linkHolders = new Set<string>();
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '.') continue;
    if (name === '..') {
      current = path.dirname(current);
      continue;
    }
    directories.add(current);
    const next = path.join(current, name);
    try {
      if (!lstatSync(next).isSymbolicLink()) {
        current = next;
        continue;
      }
      links += 1;
      if (links > MAX_LINKS) return undefined;
      linkHolders.add(current);
      const to = readlinkSync(next);
      if (path.isAbsolute(to)) current = '/';
      pending.unshift(...to.split('/').filter(Boolean));
    } catch {
      return undefined;
    }
  }
  return { real: current, directories: [...directories], linkHolders: [...linkHolders] };
}
