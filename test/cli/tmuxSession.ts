// A program in a real terminal: a detached tmux session we type into and read
// the screen of, for interactive menus (readline behaves as with a person).
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

/**
 * Starts `command` (one shell string) in a 200×50 terminal; `remain-on-exit`
 * keeps the last screen readable. The exit status is written to a file by the
 * wrapping shell: tmux does not reliably reap the pane's process here (a
 * zombie, no #{pane_dead_status}), so it cannot be asked.
 */
export async function startTmux(command: string, prefix = 'ta'): Promise<TmuxSession> {
  const name = `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const statusFile = path.join(os.tmpdir(), `${name}.status`);
  // A tmux server of its own (-L): the user's server is left alone.
  const tmux = (args: string[], options: { reject?: boolean } = {}) => execa('tmux', ['-L', name, ...args], options);
  await tmux(['new-session', '-d', '-s', name, '-x', '200', '-y', '50', `${command}; echo $? > ${statusFile}`]);
  await tmux(['set-option', '-w', '-t', name, 'remain-on-exit', 'on']);
  const screen = async (): Promise<string> => (await tmux(['capture-pane', '-p', '-J', '-S', '-200', '-t', name])).stdout;
  const readStatus = async (): Promise<string> => (await readFile(statusFile, 'utf8').catch(() => '')).trim();
  return {
    name,
    type: async (...keys) => {
      await tmux(['send-keys', '-t', name, ...keys]);
    },
    screen,
    waitForScreen: async (pattern, timeoutMs = 10_000) =>
      waitFor(screen, { what: `screen of tmux session ${name} to match ${pattern}`, until: (text) => pattern.test(text), timeoutMs }),
    isRunning: async () => (await readStatus()) === '',
    exitStatus: async () => {
      const status = await readStatus();
      return status === '' ? undefined : Number(status);
    },
    kill: async () => {
      await tmux(['kill-server'], { reject: false });
      await rm(statusFile, { force: true });
    },
  };
}
