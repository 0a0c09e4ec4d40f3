import { sleep } from '../../clock/sleep.js';
import { isDeadState, readProcStat } from '../../process/procStat.js';
import type { ProtectedPids } from '../../process/protectedPids.js';
import { readProtectedPids } from '../../process/readProtectedPids.js';

/** After SIGKILL, how long a process may take to be gone before the stop counts as failed. */
export const KILL_CONFIRM_MS = 5000;
/** Gone is re-checked after 1, 2, 4 … ms, then every 50 ms: most processes exit within a millisecond of SIGTERM. */
const FIRST_POLL_MS = 1;
const POLL_MS = 50;

/** A process as found: the start time tells it from a later process given the same PID. */
interface Target {
  pid: number;
  startTime: string;
}

export interface StopReport {
  terminated: number;
  killed: number;
  /** Why the stop did not work, one entry per process; empty when all are gone. */
  failures: string[];
  /** The signal aborted while some were still running: the stop was not finished (nor reported as done). */
  interrupted: boolean;
}

export interface StopOptions {
  /** The processes never to signal; read from /proc when not given. */
  guard?: ProtectedPids;
  /** Aborting ends the waits at once (the agent is stopping): no SIGKILL is sent after that. */
  signal?: AbortSignal;
}

/** Gone: no such PID, a zombie (exited, not yet reaped), or a new process under the same PID. */
function isGone(target: Target): boolean {
  const stat = readProcStat(target.pid);
  return stat === undefined || isDeadState(stat.state) || stat.startTime !== target.startTime;
}

/** undefined when delivered (or the process is already gone); else the reason. */
function sendSignal(target: Target, signal: NodeJS.Signals | 0): string | undefined {
  try {
    process.kill(target.pid, signal);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return undefined;
    const why = code === 'EPERM' ? 'EPERM: not permitted; it belongs to another user and the agent is not root' : String(code ?? error);
    return `could not signal PID ${target.pid} (${why})`;
  }
}

/** The targets still running after up to ms, or when the signal aborts (whichever is first). */
async function waitUntilGone(targets: readonly Target[], ms: number, signal: AbortSignal | undefined): Promise<Target[]> {
  const deadline = Date.now() + ms;
  let alive = targets.filter((t) => !isGone(t));
  let pause = FIRST_POLL_MS;
  while (alive.length > 0 && Date.now() < deadline && signal?.aborted !== true) {
    await sleep(Math.min(pause, deadline - Date.now()), signal);
    pause = Math.min(POLL_MS, pause * 2);
    alive = alive.filter((t) => !isGone(t));
  }
  return alive;
}

/**
 * SIGTERM, up to graceMs for them to exit, then SIGKILL for what is left, and
 * a bounded wait that they really are gone. Nothing is signalled when any
 * process is protected (PID 1, the agent, its parents) or cannot be signalled
 * at all (EPERM): a half-stopped set is worse than none. Every process that
 * survives is a failure, so no second instance is started beside it. An abort
 * while one is still running ends the wait and reports the stop interrupted:
 * nothing is escalated to SIGKILL early, and the caller starts nothing.
 */
export async function stopProcesses(pids: readonly number[], graceMs: number, options: StopOptions = {}): Promise<StopReport> {
  const { signal } = options;
  const guard = options.guard ?? (await readProtectedPids());
  const failures = new Map<number, string>();
  const fail = (pid: number, why: string | undefined): void => {
    if (why !== undefined && !failures.has(pid)) failures.set(pid, why);
  };
  for (const pid of pids) if (guard.has(pid)) fail(pid, `PID ${pid} is ${guard.get(pid)}: never signalled`);
  const targets: Target[] = [];
  for (const pid of pids) {
    const stat = readProcStat(pid);
    if (stat !== undefined && !isDeadState(stat.state)) targets.push({ pid, startTime: stat.startTime });
  }
  for (const target of targets) fail(target.pid, sendSignal(target, 0));
  if (failures.size > 0) return { terminated: 0, killed: 0, failures: [...failures.values()], interrupted: false };

  for (const target of targets) fail(target.pid, sendSignal(target, 'SIGTERM'));
  const lingering = await waitUntilGone(targets, graceMs, signal);
  const terminated = targets.length - lingering.length;
  if (lingering.length > 0 && signal?.aborted === true) return { terminated, killed: 0, failures: [...failures.values()], interrupted: true };
  for (const target of lingering) fail(target.pid, sendSignal(target, 'SIGKILL'));
  const survivors = await waitUntilGone(lingering, KILL_CONFIRM_MS, signal);
  const killed = lingering.length - survivors.length;
  if (survivors.length > 0 && signal?.aborted === true) return { terminated, killed, failures: [...failures.values()], interrupted: true };
  for (const target of survivors) fail(target.pid, `PID ${target.pid} still running ${KILL_CONFIRM_MS / 1000}s after SIGKILL`);
  return { terminated, killed, failures: [...failures.values()], interrupted: false };
}
