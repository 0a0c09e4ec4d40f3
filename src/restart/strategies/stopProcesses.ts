import { sleep } from '../../clock/sleep.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export interface StopReport {
  terminated: number;
  killed: number;
}

/** SIGTERM, up to graceMs for them to exit, then SIGKILL for what is left. */
export async function stopProcesses(pids: readonly number[], graceMs: number): Promise<StopReport> {
  signalAll(pids, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(Math.min(100, deadline - Date.now()));
    alive = alive.filter(isAlive);
  }
  signalAll(alive, 'SIGKILL');
  return { terminated: pids.length - alive.length, killed: alive.length };
}
