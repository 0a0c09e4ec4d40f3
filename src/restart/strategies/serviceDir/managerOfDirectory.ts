import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The service-directory managers the agent knows. */
export type ManagerKind = 'daemontools' | 'runit' | 's6';

export interface ManagerEvidence {
  /** Whose files these are; undefined when no supervisor has left any. */
  manager: ManagerKind | undefined;
  /** What was found, for the log: "supervise/stat and supervise/pid". */
  evidence: string;
}

/**
 * Pure: which supervisor made these files. Each writes its own into the
 * service directory (looked at with the real tools): s6-supervise creates
 * the event/ fifodir (and supervise/death_tally); runit's runsv writes
 * supervise/stat and supervise/pid beside supervise/status; daemontools'
 * supervise writes supervise/status alone (with lock, ok and control, which
 * all three have).
 */
export function managerOfFiles(supervise: readonly string[] | undefined, hasEventDir: boolean): ManagerEvidence {
  if (hasEventDir) return { manager: 's6', evidence: 'an event/ directory' };
  if (supervise === undefined) return { manager: undefined, evidence: 'no supervise/ directory' };
  if (supervise.includes('death_tally')) return { manager: 's6', evidence: 'supervise/death_tally' };
  const runit = ['stat', 'pid'].filter((file) => supervise.includes(file));
  if (runit.length > 0) return { manager: 'runit', evidence: runit.map((file) => `supervise/${file}`).join(' and ') };
  if (supervise.includes('status')) return { manager: 'daemontools', evidence: 'supervise/status alone' };
  return { manager: undefined, evidence: 'a supervise/ directory without a status file' };
}

/** Reads what is in a service directory (following supervise -> /run/runit/… links) and says whose it is. */
export function managerOfDirectory(at: string): ManagerEvidence {
  let supervise: string[] | undefined;
  try {
    supervise = readdirSync(path.join(at, 'supervise'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return { manager: undefined, evidence: `supervise/ unreadable (${code ?? String(error)})` };
  }
  return managerOfFiles(supervise, isDirectory(path.join(at, 'event')));
}

function isDirectory(at: string): boolean {
  try {
    return statSync(at).isDirectory();
  } catch {
    return false;
  }
}
