import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** Clears the alarm only if it is still set; notes and sound are never touched. */
export async function clearAlarm(db: Database, processId: number): Promise<boolean> {
  const result = await runQuery<WriteResult>(db, 'UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = ? AND alarma = 1', [processId]);
  return result.affectedRows > 0;
}
