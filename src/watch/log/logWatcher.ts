import type { WatchSettings } from '../../config/types.js';
import { RecentMatch } from '../RecentMatch.js';
import type { Observation, Watcher, WatchProblems } from '../Watcher.js';
import { FileFollower } from './FileFollower.js';
import { LineSplitter, type Line } from './LineSplitter.js';

/** Bytes of one line that are matched; the rest of a longer line is skipped (said once). */
export const MAX_LINE_BYTES = 64 * 1024;
/** Bytes read per check at most (README "Watchers": a file written faster falls behind). */
export const READ_BUDGET_BYTES = 16 * 1024 * 1024;

/** Says once what is odd about the lines (cut, binary), so the administrator knows what was matched. */
export function lineProblems(source: string, problems: WatchProblems): (line: Line) => void {
  return (line) => {
    if (line.cut) problems.once('long line', `${source} has a line longer than ${MAX_LINE_BYTES} bytes: only its first ${MAX_LINE_BYTES} bytes are matched`);
    if (line.text.includes('\0')) problems.once('binary', `${source} holds binary data (NUL bytes): it is matched as text`);
  };
}

/** type = log: a pattern in the new lines of a file, followed like tail -F (README "Watchers"). */
export function logWatcher(name: string, settings: WatchSettings, problems: WatchProblems): Watcher {
  const match = new RecentMatch(new RegExp(settings.pattern), settings.pattern_expiration * 1000);
  const splitter = new LineSplitter(MAX_LINE_BYTES);
  const odd = lineProblems(settings.file, problems);
  const take = (line: Line) => {
    odd(line);
    match.offer(line);
  };
  const follower = new FileFollower(
    settings.file,
    problems,
    (chunk) => splitter.push(chunk).forEach(take),
    () => {
      const rest = splitter.flush();
      if (rest) take(rest);
    },
    { budgetBytes: READ_BUDGET_BYTES },
  );
  return {
    processName: name,
    async check(): Promise<Observation> {
      await follower.poll();
      return match.observe(`in ${settings.file}`);
    },
    close: () => follower.close(),
  };
}
