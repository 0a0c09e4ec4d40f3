import { runArgv } from '../../../exec/runCommand.js';
import type { ServiceDirManager } from './ServiceDirManager.js';
import type { SupervisedState } from './SupervisedState.js';

/** Runs the manager's status command on one service directory and parses what it says (exit status aside: svstat exits 0 for errors). */
export async function readState(manager: ServiceDirManager, dir: string, timeoutMs: number, signal?: AbortSignal): Promise<SupervisedState> {
  const [file, ...args] = manager.statusCommand(dir);
  const result = await runArgv(file, args, { timeoutMs, signal });
  if (result.startError) return { kind: 'unreadable', words: `could not run ${file}: ${result.startError}` };
  if (result.timedOut) return { kind: 'unreadable', words: `${file} timed out` };
  return manager.parseStatus(result.output, dir);
}
