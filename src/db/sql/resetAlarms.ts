import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** Clears every alarm (any non-zero value). Returns how many rows changed. */
export async function resetAlarms(db: Database): Promise<number> {
  const result = await runQuery<WriteResult>(db, 'UPDATE STATUS_PROCESS SET alarma = 0 WHERE alarma <> 0');
  return result.affectedRows;
}
