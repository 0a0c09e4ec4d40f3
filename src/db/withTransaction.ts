import type { PoolConnection } from 'mysql2/promise';
import { isServerUnusable } from './classifyDbError.js';
import type { Pool } from './createPool.js';
import type { Database } from './Database.js';

/**
 * Runs `work` in one transaction: every statement it sends through the
 * handle it is given uses the same connection, and they are committed
 * together or not at all (a history row and the notification it causes).
 * A statement that fails rolls the whole back and rejects, so the caller's
 * retry (ctx.persist) runs it all again.
 */
export async function withTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  const connection = await db.pool.getConnection();
  let reusable = true;
  const run = (sql: string) => connection.query({ sql, timeout: db.queryTimeoutMs });
  try {
    await run('START TRANSACTION');
    const result = await work({ pool: pinnedPool(connection), queryTimeoutMs: db.queryTimeoutMs });
    await run('COMMIT');
    return result;
  } catch (error) {
    if (isServerUnusable(error)) db.pool.serverFailed?.(connection);
    await run('ROLLBACK').catch(() => {
      reusable = false;
    });
    throw error;
  } finally {
    if (reusable) connection.release();
    else connection.destroy();
  }
}

/** A "pool" that always hands out the transaction's connection; releasing it is left to withTransaction. */
function pinnedPool(connection: PoolConnection): Pool {
  const lent = Object.create(connection) as PoolConnection;
  lent.release = () => undefined;
  lent.destroy = () => undefined;
  return { getConnection: () => Promise.resolve(lent), end: () => Promise.resolve() };
}
