import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/**
 * A watch puts a process in alarm: alarma 0 → 1, nothing else (notes and sound
 * belong to operators). False when the row is gone or already in alarm (set
 * by someone else meanwhile): the caller says so.
 */
export async function raiseAlarm(db: Database, processId: number): Promise<boolean> {
  const result = await runQuery<WriteResult>(db, 'UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = ? AND alarma = 0', [processId]);
  return result.affectedRows > 0;
}
