import type { SupervisedState } from './SupervisedState.js';

export type Verdict = { healthy: true } | { healthy: false; why: string | undefined };

/**
 * Pure: is the service up again after the restart? Up with a process other
 * than the one before the restart (`pidBefore`), not paused, not being
 * stopped, that has not already exited (daemontools' supervise sleeps a
 * second after each start, so an instance that died at once still shows
 * "up", as a zombie, for that second), for at least a second: a crash loop
 * restarts every second or so. `minUpSeconds` is the manager's figure that
 * proves a second (ServiceDirManager.minUpSeconds). `why` adds to the
 * manager's words when they do not say it themselves.
 */
export function judgeState(state: SupervisedState, pidBefore: number | undefined, hasExited: (pid: number) => boolean, minUpSeconds = 1): Verdict {
  if (state.kind !== 'up') return { healthy: false, why: undefined };
  if (state.pid === pidBefore) return { healthy: false, why: `still the process from before the restart (PID ${state.pid})` };
  if (state.flags.includes('paused')) return { healthy: false, why: 'paused' };
  if (state.flags.includes('want down')) return { healthy: false, why: 'being stopped' };
  if (hasExited(state.pid)) return { healthy: false, why: `PID ${state.pid} has already exited` };
  if (state.seconds < minUpSeconds) return { healthy: false, why: `up less than ${minUpSeconds} second${minUpSeconds === 1 ? '' : 's'} so far` };
  return { healthy: true };
}
