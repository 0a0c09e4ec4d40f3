import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** Assigns a process to an agent group (README "Several hosts"): the same INSERT as documented there. */
export async function assignProcessHost(db: Database, processId: number, host: string): Promise<void> {
  await runQuery(db, 'INSERT INTO monitor_process_host (process_id, host) VALUES (?, ?) ON DUPLICATE KEY UPDATE host = VALUES(host)', [processId, host]);
}

/** Makes a process unassigned again: agents with take_unassigned = yes handle it. */
export async function unassignProcessHost(db: Database, processId: number): Promise<boolean> {
  const result = await runQuery<{ affectedRows: number }>(db, 'DELETE FROM monitor_process_host WHERE process_id = ?', [processId]);
  return result.affectedRows > 0;
}
