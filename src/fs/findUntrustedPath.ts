import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { walkPath } from './walkPath.js';

/** What the agent needs to know about one path to judge who could change it. */
export interface PathOwnership {
  uid: number;
  mode: number;
  isDirectory: boolean;
}

const GROUP_OR_OTHER_WRITABLE = 0o022;
const OTHER_WRITABLE = 0o002;

/** How strict to be about a group that may write (see findUntrustedPath). */
export interface TrustOptions {
  /** A root-owned directory its group may write is accepted (Ubuntu's /var/log is 0775 root:syslog). */
  groupWritableDirectories?: boolean;
}
const STICKY = 0o1000;

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/**
 * Pure: why someone other than root could replace or change this entry, or
 * undefined when only root can. `holder` is the file itself or the directory
 * that directly holds it; a directory further up may be world-writable if it
 * is sticky (as /tmp is), because then nobody else can rename what is in it.
 * The reason names the owner and the mode.
 */
export function untrustedReason(entry: PathOwnership, role: 'target' | 'holder' | 'ancestor', options: TrustOptions = {}): string | undefined {
  if (entry.uid !== 0) return `owned by uid ${entry.uid}, not root (mode ${octal(entry.mode)})`;
  const writableBits = options.groupWritableDirectories && entry.isDirectory ? OTHER_WRITABLE : GROUP_OR_OTHER_WRITABLE;
  if ((entry.mode & writableBits) === 0) return undefined;
  if (role === 'ancestor' && entry.isDirectory && (entry.mode & STICKY) !== 0) return undefined;
  return `owned by root but writable by group or others (mode ${octal(entry.mode)})`;
}

function ownershipOf(stats: Stats): PathOwnership {
  return { uid: stats.uid, mode: stats.mode, isDirectory: stats.isDirectory() };
}

type Role = 'target' | 'holder' | 'ancestor';

/**
 * A file (or directory) that a root daemon reads commands or secrets from, or
 * writes into, must be changeable by root alone: the entry itself, the
 * directory holding it and every directory above it (sshd's StrictModes and
 * monit's control-file check make the same demand). Symbolic links are
 * followed, so it is the real location that is judged, and a directory that
 * holds a link on the way counts as a holder too (whoever can write it can
 * point the link elsewhere). Returns one line naming the path, its owner and
 * mode, or undefined when all is root's.
 * A path that does not exist is not judged here (reading it reports that).
 */
export function findUntrustedPath(target: string, statOf: (p: string) => Stats = statSync, options: TrustOptions = {}): string | undefined {
  const walk = walkPath(target);
  if (!walk) return undefined;
  const holder = path.dirname(walk.real);
  const linkHolders = walk.linkHolders.filter((dir) => dir !== holder);
  // A directory that exists and is root's cannot be renamed or replaced out of
  // a sticky parent (a log directory in /tmp): judge that parent as an ancestor.
  const holderRole: Role = isDirectory(walk.real, statOf) ? 'ancestor' : 'holder';
  const chain: Array<{ at: string; role: Role }> = [
    { at: walk.real, role: 'target' },
    { at: holder, role: holderRole },
    ...linkHolders.map((at) => ({ at, role: 'holder' as const })),
    ...walk.directories
      .filter((dir) => dir !== holder && dir !== walk.real && !linkHolders.includes(dir))
      .sort((a, b) => b.length - a.length)
      .map((at) => ({ at, role: 'ancestor' as const })),
  ];
  for (const { at, role } of chain) {
    let stats: Stats;
    try {
      stats = statOf(at);
    } catch {
      return undefined;
    }
    const why = untrustedReason(ownershipOf(stats), role, options);
    if (!why) continue;
    if (at === walk.real) return `${target} is ${why}`;
    if (linkHolders.includes(at)) return `${target}: ${at}, which holds a symbolic link on the way to it, is ${why}`;
    return `${target}: its directory ${at} is ${why}`;
  }
  return undefined;
}

function isDirectory(at: string, statOf: (p: string) => Stats): boolean {
  try {
    return statOf(at).isDirectory();
  } catch {
    return false;
  }
}

/** Only a daemon running as root has to distrust files others can write. */
export function runningAsRoot(): boolean {
  return typeof process.geteuid === 'function' && process.geteuid() === 0;
}
