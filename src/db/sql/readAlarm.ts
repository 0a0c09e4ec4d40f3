import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** The alarma value of one process, or null when it has no STATUS_PROCESS row. */
export async function readAlarm(db: Database, processId: number): Promise<number | null> {
  const rows = await runQuery<Array<{ alarma: number }>>(db, 'SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [processId]);
  return rows[0]?.alarma ?? null;
}
