// Real, uniquely named processes to put in alarm: a copy of /bin/sleep under
// a short unique name, so `pgrep -x NAME` (the default health check) finds
// exactly the instances a test started and nothing else on the machine.
import { copyFileSync, chmodSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { isGone, killQuietly } from './processes.js';
import { waitFor } from './waitFor.js';

export interface Sleeper {
  /** Process name (≤ 15 characters, the length pgrep -x compares). */
  name: string;
  /** Absolute path of the binary. */
  binary: string;
  /** A start_command for the process strategy that runs it in the foreground. */
  startCommand: string;
  /** PIDs of running instances (zombies are not). */
  pids(): number[];
  /** Kills every running instance (SIGKILL, by pid) and waits until they are gone. */
  killAll(): Promise<void>;
}

/**
 * A zombie has exited; only its parent's wait() is missing (where PID 1 reaps late, as in
 * some containers, a stopped instance lingers so). pgrep lists it; it is no running instance.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true; // gone meanwhile
  }
}

export function makeSleeper(dir: string, prefix = 'slp'): Sleeper {
  const name = `${prefix.slice(0, 8)}${randomBytes(3).toString('hex')}`.slice(0, 15);
  const binary = path.join(dir, name);
  copyFileSync('/bin/sleep', binary);
  chmodSync(binary, 0o755);
  const pids = (): number[] => {
    try {
      return execFileSync('pgrep', ['-x', '--', name], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number)
        .filter((pid) => !isZombie(pid));
    } catch {
      return [];
    }
  };
  return sleeperOf(name, binary, pids);
}

/**
 * A sleeper under an exact name, which may be longer than 15 characters (two such
 * names can share their comm). Its instances are told apart by their executable's
 * path, not by pgrep, which sees the 15-character comm only.
 */
export function makeNamedSleeper(dir: string, name: string): Sleeper {
  const binary = path.join(dir, name);
  copyFileSync('/bin/sleep', binary);
  chmodSync(binary, 0o755);
  const pids = (): number[] =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => {
        try {
          return readlinkSync(`/proc/${entry}/exe`) === binary;
        } catch {
          return false;
        }
      })
      .map(Number)
      .filter((pid) => !isZombie(pid));
  return sleeperOf(name, binary, pids);
}

/** A Sleeper around a copied binary, whatever way its live instances are found. */
function sleeperOf(name: string, binary: string, pids: () => number[]): Sleeper {
  return {
    name,
    binary,
    startCommand: `exec ${binary} 600`,
    pids,
    killAll: async () => {
      const running = pids();
      for (const pid of running) killQuietly(pid, 'SIGKILL');
      await waitFor(async () => (await Promise.all(running.map(isGone))).every(Boolean), { what: `${name} to exit` });
    },
  };
}
