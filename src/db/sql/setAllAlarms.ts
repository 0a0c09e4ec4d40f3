import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/**
 * Puts every registered process (a STATUS_PROCESS row with a PROCESE name) in
 * alarm; rows without a name are left alone, as the agent could do nothing
 * with them. Returns how many rows matched.
 */
export async function setAllAlarms(db: Database): Promise<number> {
  const result = await runQuery<WriteResult>(db, 'UPDATE STATUS_PROCESS s JOIN PROCESE p ON p.process_id = s.process_id SET s.alarma = 1');
  return result.affectedRows;
}
