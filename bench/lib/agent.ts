// Runs the real, built agent (dist/cli/monitorService.js) with a config written for one
// benchmark, and reads what the kernel says about it (/proc/PID/stat and status).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnAgent, writeAgentConfig, type RunningAgent, type Sections } from '../../test/support/agentProcess.js';

export type { RunningAgent };

/** Linux USER_HZ: /proc/PID/stat counts CPU time in these ticks (100 on every Linux we run). */
const CLOCK_TICKS = 100;

export interface BenchAgentOptions {
  dir: string;
  socket: string;
  database: string;
  monitor?: Record<string, string | number>;
  processDefault?: Record<string, string | number>;
  /** Extra environment, e.g. NODE_OPTIONS=--cpu-prof for a profile. */
  env?: NodeJS.ProcessEnv;
  /** More sections ([watch.NAME]…). */
  sections?: Sections;
}

/**
 * The agent as shipped, with the built-in defaults except where a benchmark needs
 * otherwise: INFO logging to a file (and stdout), the process strategy launched detached.
 */
export function startBenchAgent(options: BenchAgentOptions): RunningAgent {
  const sections: Sections = {
    monitor: { check_interval: 1, max_restart_failures: 3, circuit_reset_time: 1800, shutdown_grace_period: 30, agent_id: 'bench', ...options.monitor },
    logging: { log_file: path.join(options.dir, 'log', 'monitor_service.log'), level: 'INFO' },
    'process.default': {
      restart_strategy: 'process',
      process_launcher: 'detach',
      health_check_timeout: 5,
      restart_delay: 2,
      max_attempts: 2,
      command_timeout: 60,
      stop_timeout: 10,
      // Never run in idle/start-up (no alarm); the process strategy requires one.
      start_command: '/bin/true',
      ...options.processDefault,
    },
    ...options.sections,
  };
  const configFile = writeAgentConfig({ dir: options.dir, socket: options.socket, database: options.database, sections });
  // BENCH_AGENT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every agent run
  // (--cpu-prof is not allowed in NODE_OPTIONS); after the flags the installed agent runs with.
  const nodeArgs = [...shippedNodeFlags(), ...(process.env.BENCH_AGENT_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  return spawnAgent(configFile, [], options.env ?? {}, nodeArgs);
}

/** The node flags scripts/install.sh's wrapper runs the agent with: package.json "nodeFlags". */
export function shippedNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { nodeFlags?: Record<string, string[]> };
  return pkg.nodeFlags?.monitor_service ?? [];
}

/** The marker of a finished poll in the agent's log. */
export const POLL_LINE = /Database check: \d+ process\(es\) in alarm/;

/** User + system CPU seconds the process has used so far. */
export async function cpuSeconds(pid: number): Promise<number> {
  return statCpuSeconds(`/proc/${pid}/stat`);
}

/** CPU seconds of a process's main thread alone (its JavaScript; worker threads and libuv's pool excluded). */
export async function mainThreadCpuSeconds(pid: number): Promise<number> {
  return statCpuSeconds(`/proc/${pid}/task/${pid}/stat`);
}

async function statCpuSeconds(file: string): Promise<number> {
  const stat = await readFile(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime 15.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of the process's waited-for children (the commands it ran): cutime + cstime. */
export async function childrenCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** VmHWM (peak RSS) and VmRSS in MB. */
export async function memoryMb(pid: number): Promise<{ peakRssMb: number; rssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** SIGTERM and wait; SIGKILL if it has not gone within `timeoutMs`. */
export async function stopAgent(agent: RunningAgent, timeoutMs = 60_000): Promise<number | null> {
  const timer = setTimeout(() => agent.child.kill('SIGKILL'), timeoutMs);
  try {
    return await agent.stop('SIGTERM');
  } finally {
    clearTimeout(timer);
  }
}
