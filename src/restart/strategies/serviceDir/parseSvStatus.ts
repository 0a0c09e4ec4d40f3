import { firstLine, splitFlags, type SupervisedState } from './SupervisedState.js';

/**
 * Pure: runit's `sv status DIR` line, "run: DIR: (pid 123) 45s, normally down;
 * run: log: (pid 122) 45s" (the part after ";" is the log service's). "finish:"
 * means ./finish runs: the service itself is down. "fail: DIR: runsv not
 * running" and "warning: DIR: unable to open supervise/ok: file does not exist"
 * mean no runsv runs for DIR; "fail: DIR: unable to change to service
 * directory: file does not exist" that there is no such directory.
 */
export function parseSvStatus(output: string, dir: string): SupervisedState {
  const words = firstLine(output);
  const service = words.split(';')[0]!.trim();
  const state = /^(run|down|finish): (.*)$/.exec(service);
  if (state && state[2]!.startsWith(`${dir}: `)) {
    const rest = state[2]!.slice(dir.length + 2);
    const times = /^(?:\(pid (\d+)\) )?(\d+)s(.*)$/.exec(rest);
    if (times) {
      const seconds = Number(times[2]);
      const flags = splitFlags(times[3]!);
      if (state[1] === 'run' && times[1] !== undefined) return { kind: 'up', pid: Number(times[1]), seconds, flags, words };
      if (state[1] === 'finish') return { kind: 'down', seconds, flags: ['finishing', ...flags], words };
      if (state[1] === 'down') return { kind: 'down', seconds, flags, words };
    }
  }
  if (words === `fail: ${dir}: runsv not running` || words === `warning: ${dir}: unable to open supervise/ok: file does not exist`) {
    return { kind: 'unsupervised', words };
  }
  if (words === `fail: ${dir}: unable to change to service directory: file does not exist`) return { kind: 'missing', words };
  return { kind: 'unreadable', words: words || '(no output)' };
}
