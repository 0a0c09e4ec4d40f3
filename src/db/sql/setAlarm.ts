import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** Puts one process in alarm. Only alarma changes: notes and sound belong to operators. */
export async function setAlarm(db: Database, processId: number): Promise<boolean> {
  const result = await runQuery<WriteResult>(db, 'UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = ?', [processId]);
  return result.affectedRows > 0;
}
