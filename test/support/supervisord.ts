// A private supervisord for tests of the `supervisor` restart strategy (DESIGN.md, "Test
// harness recipes"): its own config, unix socket, logs and pid in a temp dir; never the
// system's. Stopped by the pid we started (and everything under it), never by name.
//
//   const sup = await startSupervisord({ programs: { web: { command: '/bin/sleep 1000' } } });
//   await sup.waitForState('web', 'RUNNING');
//   // the agent gets supervisor_config = sup.configFile
//   await sup.stop();                                  // afterAll; idempotent
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { findAbandoned, recordOwner } from './ownership.js';
import { identifyProcess, isGone, isStillRunning, type ProcessIdentity } from './processes.js';
import { skipReasonOrFail } from './skipRule.js';
import { killProcessTree } from './systemdUserManager.js';
import { makeTempDir, removeTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

const DIR_PREFIX = 'monitor-supervisord-';
const READY_TIMEOUT_MS = 20_000;

type Keys = Record<string, string | number | boolean>;

export interface SupervisordOptions {
  /** [program:NAME] sections. */
  programs: Record<string, Keys>;
  /** [group:NAME] sections: the programs each holds. */
  groups?: Record<string, string[]>;
  /** Wait until each autostarted program is RUNNING (default true). */
  waitForPrograms?: boolean;
}

export interface ProgramStatus {
  /** RUNNING, FATAL… or '' when supervisorctl gave no status line. */
  state: string;
  /** The pid of a RUNNING program, else 0. */
  pid: number;
  /** What supervisorctl printed. */
  line: string;
}

export interface Supervisord {
  dir: string;
  /** The supervisord.conf: give it to the agent as supervisor_config. */
  configFile: string;
  socket: string;
  pid: number;
  /** `supervisorctl -c configFile ...args`; never throws on a non-zero exit. */
  ctl(...args: string[]): Promise<{ output: string; exitCode: number }>;
  status(name: string): Promise<ProgramStatus>;
  waitForState(name: string, state: string, timeoutMs?: number): Promise<ProgramStatus>;
  /** SIGKILL to supervisord and everything it started, as a crash would (its socket stays behind). */
  kill(): Promise<void>;
  /** kill(), then remove the directory. Idempotent. */
  stop(): Promise<void>;
}

/** Why tests needing supervisord must skip (supervisor is not installed), or undefined. Throws in CI. */
export function supervisordSkipReason(): string | undefined {
  const missing = ['/usr/bin/supervisord', '/usr/bin/supervisorctl'].find((program) => {
    try {
      accessSync(program, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  return skipReasonOrFail('supervisord', missing && `${missing} not found (Debian package supervisor; run scripts/setup-dev.sh)`);
}

function section(name: string, keys: Keys): string {
  return [`[${name}]`, ...Object.entries(keys).map(([key, value]) => `${key}=${String(value)}`)].join('\n');
}

/** The config: a unix socket in dir, logs in dir, foreground (we hold its pid). */
export function supervisordConfig(dir: string, options: SupervisordOptions): string {
  const socket = path.join(dir, 'supervisor.sock');
  return [
    section('unix_http_server', { file: socket, chmod: '0700' }),
    section('supervisord', {
      nodaemon: 'true',
      logfile: path.join(dir, 'supervisord.log'),
      pidfile: path.join(dir, 'supervisord.pid'),
      childlogdir: path.join(dir, 'logs'),
      loglevel: 'info',
    }),
    section('rpcinterface:supervisor', { 'supervisor.rpcinterface_factory': 'supervisor.rpcinterface:make_main_rpcinterface' }),
    section('supervisorctl', { serverurl: `unix://${socket}` }),
    ...Object.entries(options.programs).map(([name, keys]) => section(`program:${name}`, keys)),
    ...Object.entries(options.groups ?? {}).map(([name, programs]) => section(`group:${name}`, { programs: programs.join(',') })),
  ].join('\n\n');
}

/** Starts supervisord and waits until supervisorctl gets answers (and, by default, its programs run). */
export async function startSupervisord(options: SupervisordOptions): Promise<Supervisord> {
  const dir = await makeTempDir(DIR_PREFIX);
  await mkdir(path.join(dir, 'logs'));
  const configFile = path.join(dir, 'supervisord.conf');
  const socket = path.join(dir, 'supervisor.sock');
  await writeFile(configFile, `${supervisordConfig(dir, options)}\n`, { mode: 0o600 });
  const child = await launch(configFile, path.join(dir, 'console.log'));
  const pid = child.pid ?? 0;

  const ctl: Supervisord['ctl'] = async (...args) => {
    const result = await execa('supervisorctl', ['-c', configFile, ...args], { reject: false, all: true });
    return { output: result.all ?? '', exitCode: result.exitCode ?? -1 };
  };
  const status = async (name: string): Promise<ProgramStatus> => {
    const { output } = await ctl('status', name);
    const line = output.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
    const [, state = '', rest = ''] = /^\S+\s+([A-Z]+)\s*(.*)$/.exec(line) ?? [];
    const pid = state === 'RUNNING' ? Number(/pid (\d+)/.exec(rest)?.[1] ?? 0) : 0;
    return { state, pid, line: line || output };
  };
  const waitForState: Supervisord['waitForState'] = (name, state, timeoutMs = READY_TIMEOUT_MS) =>
    waitFor(() => status(name), { what: `supervisor program ${name} to be ${state}`, until: (s) => s.state === state, timeoutMs, intervalMs: 100 });
  const kill = async () => {
    if (pid !== 0 && !(await isGone(pid))) await killProcessTree(pid);
  };
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= kill().then(() => removeTempDir(dir)));

  try {
    await recordOwner<Leftovers>(dir, { supervisord: await identifyProcess(pid) });
    await waitFor(async () => (hasExited(child) ? 'exited' : (await ctl('status')).output), {
      what: 'supervisord to answer',
      until: (output) => output === 'exited' || !/no such file|refused connection/.test(output),
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 100,
    });
    if (hasExited(child)) throw new Error(`supervisord exited (code ${child.exitCode})\n${await readFile(path.join(dir, 'console.log'), 'utf8')}`);
    if (options.waitForPrograms ?? true) {
      for (const [name, keys] of Object.entries(options.programs)) {
        if (keys.autostart === false || keys.autostart === 'false') continue;
        const group = Object.entries(options.groups ?? {}).find(([, programs]) => programs.includes(name))?.[0];
        await waitForState(group === undefined ? name : `${group}:${name}`, 'RUNNING');
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, configFile, socket, pid, ctl, status, waitForState, kill, stop };
}

async function launch(configFile: string, logFile: string): Promise<ChildProcess> {
  const log = await open(logFile, 'w');
  try {
    // Own session: a Ctrl-C meant for vitest must not reach it before stop() runs.
    const child = spawn('supervisord', ['-n', '-c', configFile], { detached: true, stdio: ['ignore', log.fd, log.fd] });
    child.on('error', () => undefined); // seen as an exit by the readiness wait
    child.unref();
    return child;
  } finally {
    await log.close();
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

/** What a dead test run may have left running, recorded with recordOwner(). */
interface Leftovers {
  supervisord: ProcessIdentity | undefined;
}

/** Kills supervisords (and their programs) whose test process died without stopping them; returns their directories. */
export async function reapAbandonedSupervisords(): Promise<string[]> {
  const abandoned = await findAbandoned<Leftovers>(DIR_PREFIX);
  for (const { dir, extra } of abandoned) {
    if (extra.supervisord !== undefined && (await isStillRunning(extra.supervisord))) await killProcessTree(extra.supervisord.pid);
    await removeTempDir(dir);
  }
  return abandoned.map(({ dir }) => dir);
}
