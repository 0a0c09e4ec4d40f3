import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/**
 * Takes the claim on a process's alarm for `leaseSeconds`, if nobody else
 * holds an unexpired one and the alarm is still set. One autocommit
 * conditional UPDATE on the database's clock: atomic on MySQL 5.7/8, MariaDB
 * and Galera alike (on a cluster the loser of a race sees 0 rows or 1213,
 * which the caller's retry turns into a fresh try). Never a SELECT followed by
 * an unconditional UPDATE: that claims twice.
 */
export async function claimAlarm(db: Database, processId: number, holder: string, leaseSeconds: number): Promise<boolean> {
  await runQuery(db, "INSERT IGNORE INTO monitor_claim (process_id, holder, lease_until) VALUES (?, '', NOW(3))", [processId]);
  const result = await runQuery<WriteResult>(
    db,
    `UPDATE monitor_claim c JOIN STATUS_PROCESS s ON s.process_id = c.process_id
     SET c.holder = ?, c.lease_until = NOW(3) + INTERVAL ? SECOND
     WHERE c.process_id = ? AND s.alarma = 1
       AND (c.holder = '' OR c.holder = ? OR c.lease_until < NOW(3))`,
    [holder, leaseSeconds, processId, holder],
  );
  return result.affectedRows > 0;
}

/** Who holds the claim now (for the "handled by another agent" message). */
export async function claimHolder(db: Database, processId: number): Promise<string> {
  const rows = await runQuery<Array<{ holder: string }>>(db, 'SELECT holder FROM monitor_claim WHERE process_id = ?', [processId]);
  return rows[0]?.holder ?? '';
}

/**
 * After a claim whose outcome is unknown: true if it did land (we hold an
 * unexpired lease), undefined if not (then the claim is simply tried again).
 */
export async function holdsClaim(db: Database, processId: number, holder: string): Promise<true | undefined> {
  const rows = await runQuery<Array<{ held: number }>>(db, 'SELECT 1 AS held FROM monitor_claim WHERE process_id = ? AND holder = ? AND lease_until > NOW(3)', [
    processId,
    holder,
  ]);
  return rows.length > 0 ? true : undefined;
}
