import { firstLine, splitFlags, type SupervisedState } from './SupervisedState.js';

/**
 * Pure: daemontools' `svstat DIR` line, "DIR: up (pid 123) 45 seconds, normally
 * down". svstat exits 0 whatever it says, so its words are all there is:
 * "unable to open supervise/ok: file does not exist" means no supervise has
 * ever run for DIR (svscan is not scanning it), "supervise not running" that
 * the one that ran is gone, "unable to chdir: file does not exist" that there
 * is no such service directory.
 */
export function parseSvstat(output: string, dir: string): SupervisedState {
  const line = firstLine(output);
  const words = line.startsWith(`${dir}: `) ? line.slice(dir.length + 2) : line;
  const up = /^up \(pid (\d+)\) (\d+) seconds?(.*)$/.exec(words);
  if (up) return { kind: 'up', pid: Number(up[1]), seconds: Number(up[2]), flags: splitFlags(up[3]!), words };
  const down = /^down (\d+) seconds?(.*)$/.exec(words);
  if (down) return { kind: 'down', seconds: Number(down[1]), flags: splitFlags(down[2]!), words };
  if (words === 'supervise not running' || words === 'unable to open supervise/ok: file does not exist') return { kind: 'unsupervised', words };
  if (words === 'unable to chdir: file does not exist') return { kind: 'missing', words };
  return { kind: 'unreadable', words: words || '(no output)' };
}
