// A program in a real terminal: a detached tmux session we type into and read
// the screen of, for interactive menus (readline behaves as with a person).
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { waitFor } from '../support/waitFor.js';

export interface TmuxSession {
  name: string;
  /** Types text (tmux key names allowed, e.g. 'Enter', 'C-c'). */
  type(...keys: string[]): Promise<void>;
  screen(): Promise<string>;
  /** Waits until the screen matches; returns it. */
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  isRunning(): Promise<boolean>;
  /** Exit status of the program once it ended (remain-on-exit keeps it). */
  exitStatus(): Promise<number | undefined>;
  kill(): Promise<void>;
}

export async function tmuxMissingReason(): Promise<string | undefined> {
  const result = await execa('tmux', ['-V'], { reject: false });
  return result.exitCode === 0 ? undefined : 'tmux is not installed (Debian package tmux)';
}

/** Starts `command` (one shell string) in a 200×50 terminal; `remain-on-exit` keeps the last screen readable. */
export async function startTmux(command: string, prefix = 'ta'): Promise<TmuxSession> {
  const name = `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
  await execa('tmux', ['new-session', '-d', '-s', name, '-x', '200', '-y', '50', command]);
  await execa('tmux', ['set-option', '-w', '-t', name, 'remain-on-exit', 'on']);
  const screen = async (): Promise<string> => (await execa('tmux', ['capture-pane', '-p', '-J', '-S', '-200', '-t', name])).stdout;
  return {
    name,
    type: async (...keys) => {
      await execa('tmux', ['send-keys', '-t', name, ...keys]);
    },
    screen,
    waitForScreen: async (pattern, timeoutMs = 10_000) =>
      waitFor(screen, { what: `screen of tmux session ${name} to match ${pattern}`, until: (text) => pattern.test(text), timeoutMs }),
    isRunning: async () => {
      const result = await execa('tmux', ['display-message', '-p', '-t', name, '#{pane_dead}'], { reject: false });
      return result.exitCode === 0 && result.stdout.trim() === '0';
    },
    exitStatus: async () => {
      const result = await execa('tmux', ['display-message', '-p', '-t', name, '#{pane_dead_status}'], { reject: false });
      return result.exitCode === 0 && result.stdout.trim() !== '' ? Number(result.stdout.trim()) : undefined;
    },
    kill: async () => {
      await execa('tmux', ['kill-session', '-t', name], { reject: false });
    },
  };
}
