// Shared pieces of the integration tests (reliability, notifications, watches, strategies):
// process registration, alarms and history counts (sleepers: test/support/sleeper.ts).
import type { RowDataPacket } from 'mysql2/promise';
import type { TestDatabase } from './mariadb.js';
import { waitFor } from './waitFor.js';

export { makeSleeper, type Sleeper } from './sleeper.js';

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
  const rows = await db.query<RowDataPacket[]>('SELECT outcome, COUNT(*) AS n FROM monitor_restart_history WHERE process_id = ? GROUP BY outcome', [id]);
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
