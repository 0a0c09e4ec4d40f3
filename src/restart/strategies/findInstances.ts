import { readFileSync } from 'node:fs';
import { runningCommandGroups } from '../../exec/commandGroups.js';
import { findUntrustedPath, runningAsRoot } from '../../fs/findUntrustedPath.js';
import { commandLineText, readCommandLines } from '../../process/commandLines.js';
import { findByCommandLine } from '../../process/findByCommandLine.js';
import { findByName } from '../../process/findByName.js';
import { judgePidFileProcess, type NamedProcess } from '../../process/judgePidFile.js';
import { readPidFile } from '../../process/pidFile.js';
import { isDeadState, readProcStat } from '../../process/procStat.js';
import { readBootTimeMs, startedAtMs } from '../../process/processStartedAt.js';
import type { ProcessIdentity } from '../../process/processIdentity.js';
import { processTableOf } from '../../process/processTable.js';
import type { ProtectedPids } from '../../process/protectedPids.js';
import { readProtectedPids } from '../../process/readProtectedPids.js';
import { findProcessIds } from './findProcessIds.js';

/** The running instances of a process, as its identity says, and what the search met on the way. */
export interface Instances {
  pids: number[];
  /** What was found instead, for the log: "no pid file /run/x.pid", a stale pid file… */
  note?: string;
  /** The note is worth a warning: a pid file that names a dead process or another program. */
  stale?: boolean;
  /** Not to be acted on at all: nothing may be signalled (a pid file others can write, while root). */
  refusal?: string;
}

export interface FindOptions {
  /** The processes never to signal (read from /proc when not given). */
  guard?: ProtectedPids;
  /** Why a path could be changed by someone other than root; judged only when running as root by default. */
  untrustedPath?: (file: string) => string | undefined;
}

/** What /proc says about one PID, for judging a pid file. */
function describeProcess(pid: number, name: string): NamedProcess | undefined {
  const stat = readProcStat(pid);
  const bootTime = readBootTimeMs();
  if (stat === undefined || bootTime === undefined) return undefined;
  let commandLine = '';
  try {
    commandLine = commandLineText(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    // gone meanwhile: judged as not running below
  }
  return {
    running: !isDeadState(stat.state),
    startedAtMs: startedAtMs(stat.startTime, bootTime),
    commandLine,
    carriesName: findByName(processTableOf([pid]), name).includes(pid),
  };
}

async function byPidFile(name: string, file: string, options: FindOptions): Promise<Instances> {
  const untrusted = (options.untrustedPath ?? (runningAsRoot() ? findUntrustedPath : () => undefined))(file);
  if (untrusted !== undefined) {
    return {
      pids: [],
      refusal:
        `pid_file ${untrusted}: refused, since whoever can change it could make the agent (root) signal any process ` +
        `(let only root write it, or identify ${name} with match)`,
    };
  }
  const read = readPidFile(file);
  if (!read.ok) return { pids: [], note: read.reason, stale: !read.missing };
  const guard = options.guard ?? (await readProtectedPids());
  const protectedAs = guard.get(read.pid);
  if (protectedAs !== undefined) return { pids: [], refusal: `pid file ${file} names PID ${read.pid}, which is ${protectedAs}: never signalled` };
  const verdict = judgePidFileProcess(file, read.pid, read.writtenAtMs, name, describeProcess(read.pid, name));
  if (!verdict.instance) return { pids: [], note: verdict.reason, stale: true };
  return { pids: [read.pid], note: `PID ${read.pid} from pid file ${file}` };
}

async function byMatch(pattern: RegExp, options: FindOptions): Promise<Instances> {
  const guard = options.guard ?? (await readProtectedPids());
  const candidates = readCommandLines((commandLine) => pattern.test(commandLine));
  return { pids: findByCommandLine(candidates, pattern, { pids: guard, groups: runningCommandGroups() }) };
}

/**
 * The running instances of a process: by exact name (findProcessIds), by the PID
 * in its pid file (alive, plausibly the process that wrote it, the file only
 * root's when the agent is root), or by its command line (never the agent's own
 * processes or commands).
 */
export async function findInstances(identity: ProcessIdentity, options: FindOptions = {}): Promise<Instances> {
  switch (identity.kind) {
    case 'name':
      return { pids: await findProcessIds(identity.name) };
    case 'pid_file':
      return byPidFile(identity.name, identity.file, options);
    case 'match':
      return byMatch(identity.pattern, options);
  }
}
