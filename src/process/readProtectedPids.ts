import { runArgv } from '../exec/runCommand.js';
import { ownServiceUnits } from './ownServiceUnits.js';
import { readProcStat } from './procStat.js';
import { protectedPids, type ProtectedPids } from './protectedPids.js';

const SYSTEMCTL_TIMEOUT_MS = 5000;
let mainPid: Promise<number | undefined> | undefined;

/**
 * MainPID of the agent's own unit, asked once: the unit's main process is
 * usually the agent or its parent, but not when the agent was started some
 * other way inside it (ExecStartPost, a forking wrapper).
 */
function ownUnitMainPid(): Promise<number | undefined> {
  mainPid ??= (async () => {
    const unit = ownServiceUnits().at(-1);
    if (unit === undefined) return undefined;
    const result = await runArgv('systemctl', ['show', '--property=MainPID', '--value', '--', unit], { timeoutMs: SYSTEMCTL_TIMEOUT_MS });
    const pid = result.exitCode === 0 ? Number.parseInt(result.output.trim(), 10) : Number.NaN;
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  })();
  return mainPid;
}

/** A read serves the lookups of this long: a burst asks twice per restart, the answer changes only when a parent dies. */
export const PROTECTED_PIDS_FRESH_MS = 100;
let recent: { readAt: number; pids: Promise<ProtectedPids> } | undefined;

/** The PIDs the agent never signals, as they are now (the parent chain is walked again after PROTECTED_PIDS_FRESH_MS: a parent can die). */
export async function readProtectedPids(): Promise<ProtectedPids> {
  const now = performance.now();
  if (recent === undefined || now - recent.readAt > PROTECTED_PIDS_FRESH_MS) {
    recent = { readAt: now, pids: ownUnitMainPid().then((mainPid) => protectedPids(process.pid, (pid) => readProcStat(pid)?.ppid, mainPid)) };
  }
  return recent.pids;
}
