import { isServerUnusable } from './classifyDbError.js';
import type { Database } from './Database.js';

/**
 * mysql2 rejects a timed-out query but keeps its connection busy until the
 * server answers (a lock wait: up to innodb_lock_wait_timeout), then returns
 * it to the pool. A few timeouts in a row used to fill the pool and freeze the
 * agent, polls included. A connection whose statement timed out (or failed
 * fatally) is destroyed instead of released. Every statement gets the
 * handle's timeout.
 */
export async function runQuery<T>(db: Database, sql: string, params: readonly unknown[] = []): Promise<T> {
  const connection = await db.pool.getConnection();
  let reusable = true;
  try {
    const [rows] = await connection.query({ sql, timeout: db.queryTimeoutMs }, params as unknown[]);
    return rows as T;
  } catch (error) {
    const e = error as { code?: string; fatal?: boolean };
    if (e.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || e.fatal) reusable = false;
    // A cluster node that left the primary component, or a dropped server: the next statement goes elsewhere.
    if (isServerUnusable(error)) db.pool.serverFailed?.(connection);
    throw error;
  } finally {
    if (reusable) connection.release();
    else connection.destroy();
  }
}

export interface WriteResult {
  affectedRows: number;
  insertId: number;
}
