// Runs the real, built agent (node dist/cli/monitorService.js) as a subprocess
// with a config file written for the test, and reads what it logs.
//
//   const agent = await startAgent({ dir, socket: db.socket, database: db.name,
//     sections: { monitor: { check_interval: '0.2' }, 'process.foo': { ... } } });
//   await agent.waitForLine(/Alarm cleared for foo/);
//   const code = await agent.stop();              // SIGTERM, resolves with the exit code
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './waitFor.js';

export const AGENT_CLI = fileURLToPath(new URL('../../dist/cli/monitorService.js', import.meta.url));

export type Sections = Record<string, Record<string, string | number>>;

export interface AgentConfigOptions {
  /** Directory for the config file and the log. */
  dir: string;
  socket: string;
  database: string;
  /** Extra or overriding sections/keys. */
  sections?: Sections;
  /** File name inside dir (default config.ini). */
  fileName?: string;
}

/** Quotes values so `;` and `#` inside commands survive INI parsing. */
function iniValue(value: string | number): string {
  const text = String(value);
  return /[;#"]/.test(text) ? JSON.stringify(text) : text;
}

/** Writes a config.ini for a test: fast polling, a private database, log in dir. */
export function writeAgentConfig(options: AgentConfigOptions): string {
  const base: Sections = {
    database: { socket: options.socket, user: 'root', password: '', database: options.database },
    monitor: { check_interval: '0.2', max_restart_failures: 3, circuit_reset_time: 1800, shutdown_grace_period: 10 },
    logging: { log_file: path.join(options.dir, 'log', 'monitor_service.log'), level: 'DEBUG' },
    'process.default': { health_check_timeout: 3, restart_delay: 0.2, max_attempts: 2, command_timeout: 10 },
  };
  const merged: Sections = { ...base };
  for (const [section, keys] of Object.entries(options.sections ?? {})) merged[section] = { ...(merged[section] ?? {}), ...keys };
  const text = Object.entries(merged)
    .map(([section, keys]) => [`[${section}]`, ...Object.entries(keys).map(([k, v]) => `${k} = ${iniValue(v)}`)].join('\n'))
    .join('\n\n');
  const file = path.join(options.dir, options.fileName ?? 'config.ini');
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  return file;
}

export interface RunningAgent {
  child: ChildProcess;
  pid: number;
  configFile: string;
  /** Every stdout/stderr line so far. */
  lines: string[];
  output(): string;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Count of lines matching. */
  count(pattern: RegExp): number;
  /** Resolves with the exit code (null if killed by a signal) once the process ended. */
  exited: Promise<number | null>;
  /** Sends SIGTERM (or the given signal) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartAgentOptions extends AgentConfigOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts the agent on a fresh config and returns a handle to watch and stop it. */
export function startAgent(options: StartAgentOptions): RunningAgent {
  const configFile = writeAgentConfig(options);
  return spawnAgent(configFile, options.args ?? [], options.env);
}

/** One of several agents on one database: its own agent_id, config and log in dir/AGENT_ID. */
export function startNamedAgent(agentId: string, options: StartAgentOptions): RunningAgent {
  const dir = path.join(options.dir, agentId);
  mkdirSync(dir, { recursive: true });
  const sections = options.sections ?? {};
  return startAgent({ ...options, dir, sections: { ...sections, monitor: { ...sections.monitor, agent_id: agentId } } });
}

/**
 * Starts the agent on an existing config file; nodeArgs go before the script (e.g. --cpu-prof);
 * `inside` is an argv prefix that runs it elsewhere (e.g. SystemManager.inside: nsenter … --).
 */
export function spawnAgent(
  configFile: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: string[] = [],
  inside: readonly string[] = [],
): RunningAgent {
  const [file, ...argv] = [...inside, process.execPath, ...nodeArgs, AGENT_CLI, '--config', configFile, ...args] as [string, ...string[]];
  const child = spawn(file, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null): void => {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts);
    });
    stream?.on('end', () => {
      if (pending) lines.push(pending);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    pid: child.pid ?? 0,
    configFile,
    lines,
    output: () => lines.join('\n'),
    count: (pattern) => lines.filter((line) => pattern.test(line)).length,
    waitForLine: async (pattern, timeoutMs = 15_000) => {
      try {
        return (await waitFor(() => lines.find((line) => pattern.test(line)), { what: `agent log line ${pattern}`, timeoutMs })) as string;
      } catch (error) {
        // The output at the moment of the timeout, not when the wait began.
        throw new Error(`${(error as Error).message}\nagent output (last 40 lines):\n${lines.slice(-40).join('\n')}`, { cause: error });
      }
    },
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs `monitor_service --once` (or other args) to completion; `inside` as for spawnAgent. */
export async function runAgentToEnd(
  configFile: string,
  args: string[] = ['--once'],
  env: NodeJS.ProcessEnv = {},
  inside: readonly string[] = [],
): Promise<{ code: number | null; output: string }> {
  const agent = spawnAgent(configFile, args, env, [], inside);
  const code = await agent.exited;
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { code, output: agent.output() };
}
