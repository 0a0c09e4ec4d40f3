import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

export async function releaseClaim(db: Database, processId: number, holder: string): Promise<void> {
  await runQuery(db, "UPDATE monitor_claim SET holder = '', lease_until = NOW(3) WHERE process_id = ? AND holder = ?", [processId, holder]);
}
