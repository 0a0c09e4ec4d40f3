import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** Extends our lease while a long procedure runs; false if the claim was lost. */
export async function renewClaim(db: Database, processId: number, holder: string, leaseSeconds: number): Promise<boolean> {
  const result = await runQuery<WriteResult>(db, 'UPDATE monitor_claim SET lease_until = NOW(3) + INTERVAL ? SECOND WHERE process_id = ? AND holder = ?', [
    leaseSeconds,
    processId,
    holder,
  ]);
  return result.affectedRows > 0;
}
