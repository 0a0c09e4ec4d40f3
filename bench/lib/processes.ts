// Tiny real processes for the process strategy: symlinks to /usr/bin/sleep under short,
// unique names (the kernel takes the process name, comm, from the path exec'd, so
// `pgrep mbq0001` finds exactly that one). Everything the agent launches from here is
// killed by pid afterwards, found by its argv[0] inside our own temp directory.
import { mkdir, readdir, readFile, symlink, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';
import { processName } from './database.js';
import { sleepMs } from './stats.js';

const SLEEP = '/usr/bin/sleep';
/** Launched processes sleep this long: anything we failed to kill still goes away. */
export const SLEEP_SECONDS = 900;

export interface ProcessKit {
  binDir: string;
  /** `exec BIN/%s 900`: the start_command of the burst. */
  startCommand: string;
  /** Writes "name seconds.nanoseconds" to stampFile, then execs the process. */
  stampedStartCommand: string;
  stampFile: string;
  /** Writes the pid to pids/NAME, then execs the process (for the pid-file health check). */
  pidFileStartCommand: string;
  /** Health check by pid file, with shell builtins only: costs the same however many processes run. */
  pidFileHealthCheck: string;
}

export async function createProcessKit(dir: string, count: number, width = 4): Promise<ProcessKit> {
  const binDir = path.join(dir, 'b');
  await mkdir(binDir, { recursive: true });
  for (let i = 1; i <= count; i += 1) await symlink(SLEEP, path.join(binDir, processName(i, width)));
  const stampFile = path.join(dir, 'starts.txt');
  const script = path.join(dir, 'start.sh');
  // A script, not an inline command: the agent replaces every %s in a configured
  // command with the name, and date's format needs %s.
  await writeFile(script, `#!/bin/sh\necho "$1 $(date +%s.%N)" >> '${stampFile}'\nexec '${binDir}'/"$1" ${SLEEP_SECONDS}\n`);
  await chmod(script, 0o755);
  const pidDir = path.join(dir, 'pids');
  await mkdir(pidDir, { recursive: true });
  return {
    pidFileStartCommand: `echo $$ > ${pidDir}/%s; exec ${binDir}/%s ${SLEEP_SECONDS}`,
    pidFileHealthCheck: `read pid < ${pidDir}/%s && kill -0 "$pid"`,
    binDir,
    startCommand: `exec ${binDir}/%s ${SLEEP_SECONDS}`,
    stampedStartCommand: `${script} %s`,
    stampFile,
  };
}

/** Reads the start stamps: process name → first start time (wall-clock ms). */
export async function readStamps(kit: ProcessKit): Promise<Map<string, number>> {
  const text = await readFile(kit.stampFile, 'utf8').catch(() => '');
  const stamps = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [name, seconds] = line.trim().split(' ');
    if (name && seconds && !stamps.has(name)) stamps.set(name, Number(seconds) * 1000);
  }
  return stamps;
}

/** Pids of running processes whose argv[0] lies in binDir (launched from our kit). */
export async function launchedPids(binDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith(`${binDir}/`)) pids.push(Number(entry));
  }
  return pids;
}

/** Kills (SIGKILL, by pid) every process launched from binDir and waits until they are gone. */
export async function killLaunched(binDir: string): Promise<number> {
  let killed = 0;
  for (let round = 0; round < 20; round += 1) {
    const pids = await launchedPids(binDir);
    if (pids.length === 0) return killed;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      } catch {
        // already gone
      }
    }
    await sleepMs(100);
  }
  return killed;
}
