import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { commandEnvironment } from '../../exec/commandEnvironment.js';
import { trackCommandGroup } from '../../exec/commandGroups.js';
import { killProcessGroup } from '../../exec/killProcessGroup.js';
import type { WatchSettings } from '../../config/types.js';
import { LineSplitter, type Line } from '../log/LineSplitter.js';
import { lineProblems, MAX_LINE_BYTES } from '../log/logWatcher.js';
import { RecentMatch } from '../RecentMatch.js';
import type { Observation, Watcher, WatchProblems } from '../Watcher.js';
import { nextBackoff } from './commandBackoff.js';

/** Output bytes read per second at most: a command that writes more is slowed down by its full pipe (said once). */
export const OUTPUT_BUDGET_BYTES_PER_SECOND = 4 * 1024 * 1024;
/** How long a command may take to exit after SIGTERM when the watch stops. */
const STOP_GRACE_MS = 2000;

/**
 * type = command: a long-running command (`docker events`), its output lines
 * (stdout and stderr) matched against pattern as they come. Run by /bin/sh in
 * its own process group, with the agent's command environment; started again
 * with backoff when it exits (said once per run of exits); killed with its group
 * when the watch stops.
 */
export function commandWatcher(name: string, settings: WatchSettings, problems: WatchProblems): Watcher {
  const match = new RecentMatch(new RegExp(settings.pattern), settings.pattern_expiration * 1000);
  const odd = lineProblems('the output of the command', problems);
  const take = (line: Line) => {
    odd(line);
    match.offer(line);
  };
  let child: ChildProcess | undefined;
  let untrack: () => void = () => undefined;
  let stopped = false;
  let backoffMs: number | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let windowStart = Date.now();
  let windowBytes = 0;

  const read = (stream: Readable | null) => {
    if (!stream) return;
    const splitter = new LineSplitter(MAX_LINE_BYTES);
    stream.on('data', (chunk: Buffer) => {
      splitter.push(chunk).forEach(take);
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowBytes = 0;
      }
      windowBytes += chunk.length;
      if (windowBytes > OUTPUT_BUDGET_BYTES_PER_SECOND) {
        problems.once('flood', `the command writes more than ${OUTPUT_BUDGET_BYTES_PER_SECOND} bytes per second: its output is read no faster`);
        stream.pause();
        setTimeout(() => stream.resume(), 1000 - (now - windowStart)).unref();
      }
    });
    stream.on('end', () => {
      const rest = splitter.flush();
      if (rest) take(rest);
    });
  };

  const start = () => {
    if (stopped) return;
    const startedAt = Date.now();
    const running = spawn('/bin/sh', ['-c', settings.command], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: commandEnvironment(), cwd: '/' });
    child = running;
    untrack = trackCommandGroup(running.pid);
    read(running.stdout);
    read(running.stderr);
    running.once('error', (error) => problems.once('exited', `the command could not be started: ${error.message}`));
    running.once('close', (code, signal) => {
      untrack();
      killProcessGroup(running.pid); // what it left behind in its group
      if (stopped) return;
      const ranMs = Date.now() - startedAt;
      backoffMs = nextBackoff(backoffMs, ranMs);
      const how = signal ? `was killed by ${signal}` : `exited with status ${code}`;
      problems.once('exited', `the command ${how} after ${Math.round(ranMs / 1000)} s; started again with backoff (next in ${backoffMs / 1000} s)`);
      restartTimer = setTimeout(start, backoffMs);
    });
    // Said again if it exits again after running a while.
    setTimeout(() => {
      if (child === running && running.exitCode === null && running.signalCode === null) problems.resolved('exited');
    }, 60_000).unref();
  };

  return {
    processName: name,
    check(): Promise<Observation> {
      if (child === undefined) start();
      return Promise.resolve(match.observe('of the command output'));
    },
    /** SIGTERM to the group; SIGKILL if the command is still there after STOP_GRACE_MS (awaited: the agent may be exiting). */
    async close() {
      stopped = true;
      clearTimeout(restartTimer);
      const last = child;
      if (!last || last.exitCode !== null || last.signalCode !== null) return;
      const exited = new Promise<boolean>((resolve) => last.once('close', () => resolve(true)));
      killProcessGroup(last.pid, 'SIGTERM');
      const gone = await Promise.race([exited, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS))]);
      if (!gone) killProcessGroup(last.pid);
    },
  };
}
