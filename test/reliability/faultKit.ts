// Shared pieces of the fault tests (dbFaults, agentCrash, signals, twoAgents):
// sleeper processes under unique names, process registration, history counts.
import { randomBytes } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { RowDataPacket } from 'mysql2/promise';
import type { TestDatabase } from '../support/mariadb.js';
import { isGone, killQuietly } from '../support/processes.js';
import { waitFor } from '../support/waitFor.js';

export interface Sleeper {
  /** Unique short name (< 15 characters, so pgrep -x sees all of it). */
  name: string;
  /** Path of the copy of /bin/sleep. */
  file: string;
  /** `start_command` that runs it for 600 s. */
  startCommand: string;
  /** PIDs of running instances. */
  pids(): Promise<number[]>;
  /** Kills every running instance, by pid. */
  killAll(): Promise<void>;
}

/** Copies /bin/sleep to dir under a unique name: a process only this test runs. */
export async function makeSleeper(dir: string, prefix = 'slp'): Promise<Sleeper> {
  const name = `${prefix}${randomBytes(4).toString('hex')}`.slice(0, 14);
  const file = path.join(dir, name);
  await copyFile('/bin/sleep', file);
  const pids = async (): Promise<number[]> => {
    const result = await execa('pgrep', ['-x', '--', name], { reject: false });
    if (result.exitCode !== 0) return [];
    return result.stdout.split('\n').map(Number).filter((pid) => pid > 0);
  };
  return {
    name,
    file,
    startCommand: `exec ${file} 600`,
    pids,
    async killAll() {
      const running = await pids();
      for (const pid of running) killQuietly(pid, 'SIGKILL');
      await waitFor(async () => (await Promise.all(running.map(isGone))).every(Boolean), { what: `${name} to exit` });
    },
  };
}

/** Registers a process as the user guide does (STATUS_PROCESS first, then PROCESE). */
export async function registerProcess(db: TestDatabase, id: number, name: string, alarma = 0): Promise<void> {
  await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, ?, 0, ?)', [id, alarma, `test ${name}`]);
  await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, name]);
}

export async function setAlarm(db: TestDatabase, id: number, alarma = 1): Promise<void> {
  await db.query('UPDATE STATUS_PROCESS SET alarma = ? WHERE process_id = ?', [alarma, id]);
}

export async function alarmOf(db: TestDatabase, id: number): Promise<number> {
  const rows = await db.query<RowDataPacket[]>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [id]);
  return Number(rows[0]?.alarma);
}

/** Waits until the alarm of `id` reads 0 (retrying through a database restart). */
export async function waitForCleared(db: TestDatabase, id: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(() => alarmOf(db, id), { what: `alarm of process ${id} to be cleared`, until: (a) => a === 0, timeoutMs, intervalMs: 100 });
}

/** History outcomes of one process: { success: 2, interrupted: 1, ... }. */
export async function outcomes(db: TestDatabase, id: number): Promise<Record<string, number>> {
  const rows = await db.query<RowDataPacket[]>(
    'SELECT outcome, COUNT(*) AS n FROM monitor_restart_history WHERE process_id = ? GROUP BY outcome',
    [id],
  );
  return Object.fromEntries(rows.map((row) => [String(row.outcome), Number(row.n)]));
}

export interface HistoryRow {
  id: number;
  agent_id: string;
  outcome: string;
  reason: string | null;
  attempts: number;
  finished_at: Date | null;
}

export async function historyOf(db: TestDatabase, id: number): Promise<HistoryRow[]> {
  return db.query<HistoryRow[] & RowDataPacket[]>(
    'SELECT id, agent_id, outcome, reason, attempts, finished_at FROM monitor_restart_history WHERE process_id = ? ORDER BY id',
    [id],
  );
}

/** True while the agent process has not exited. */
export function alive(agent: { child: { exitCode: number | null; signalCode: NodeJS.Signals | null } }): boolean {
  return agent.child.exitCode === null && agent.child.signalCode === null;
}

/** Like agent.waitForLine, but a timeout shows the output as it is then (not at the call). */
export async function waitLine(agent: { waitForLine(p: RegExp, t?: number): Promise<string>; output(): string }, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  try {
    return await agent.waitForLine(pattern, timeoutMs);
  } catch {
    throw new Error(`no agent log line ${pattern} within ${timeoutMs} ms; last output:\n${agent.output().split('\n').slice(-40).join('\n')}`);
  }
}
