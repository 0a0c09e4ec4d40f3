import type { Pool } from '../createPool.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** Clears every alarm (any non-zero value). Returns how many rows changed. */
export async function resetAlarms(pool: Pool): Promise<number> {
  const result = await runQuery<WriteResult>(pool, 'UPDATE STATUS_PROCESS SET alarma = 0 WHERE alarma <> 0');
  return result.affectedRows;
}
