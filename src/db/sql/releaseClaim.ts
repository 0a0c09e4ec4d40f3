import type { Pool } from '../createPool.js';
import { runQuery } from '../runQuery.js';

export async function releaseClaim(pool: Pool, processId: number, holder: string): Promise<void> {
  await runQuery(pool, "UPDATE monitor_claim SET holder = '', lease_until = NOW(3) WHERE process_id = ? AND holder = ?", [processId, holder]);
}
