import { firstLine, splitFlags, type SupervisedState } from './SupervisedState.js';

/**
 * Pure: `s6-svstat DIR`, "up (pid 123) 45 seconds, normally down" (newer s6
 * says "(pid 123 pgid 123)"), "down (exitcode 3) 0 seconds, normally up, want
 * up, ready 0 seconds". Its errors go to stderr: "s6-svstat: fatal: unable to
 * read status for DIR: s6-supervise not running" (no s6-supervise runs for
 * DIR, whether one never ran or it is gone), "…: No such file or directory".
 */
export function parseS6Svstat(output: string): SupervisedState {
  const words = firstLine(output);
  const up = /^up \(pid (\d+)(?: pgid \d+)?\) (\d+) seconds?(.*)$/.exec(words);
  if (up) return { kind: 'up', pid: Number(up[1]), seconds: Number(up[2]), flags: splitFlags(up[3]!), words };
  const down = /^down(?: \([^)]*\))? (\d+) seconds?(.*)$/.exec(words);
  if (down) return { kind: 'down', seconds: Number(down[1]), flags: splitFlags(down[2]!), words };
  if (/: s6-supervise not running$|: supervisor not listening$/.test(words)) return { kind: 'unsupervised', words };
  if (/: No such file or directory$/.test(words)) return { kind: 'missing', words };
  return { kind: 'unreadable', words: words || '(no output)' };
}
