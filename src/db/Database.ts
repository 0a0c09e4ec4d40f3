import type { DatabaseSettings } from '../config/types.js';
import { createPool, type Pool } from './createPool.js';

/**
 * The agent's handle on its database: the connection pool and the timeout
 * every statement gets. Passed to whoever queries, so two handles (the agent's
 * and a reloaded one, or a test's) never share a hidden setting.
 */
export interface Database {
  readonly pool: Pool;
  /** Client-side limit of one statement, ms: a lock held elsewhere cannot freeze the caller. */
  readonly queryTimeoutMs: number;
}

export function openDatabase(settings: DatabaseSettings, connectionLimit: number): Database {
  return { pool: createPool(settings, connectionLimit), queryTimeoutMs: settings.connect_timeout * 1000 };
}

/** Closes the pool; never throws (used on the way out). */
export async function closeDatabase(db: Database): Promise<void> {
  await db.pool.end().catch(() => undefined);
}
