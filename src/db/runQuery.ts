import type { Pool } from './createPool.js';

/** Every statement gets a timeout, so a lock held elsewhere cannot freeze the agent. */
export let queryTimeoutMs = 10_000;

export function setQueryTimeout(ms: number): void {
  queryTimeoutMs = ms;
}

export async function runQuery<T>(pool: Pool, sql: string, params: readonly unknown[] = []): Promise<T> {
  const [rows] = await pool.query({ sql, timeout: queryTimeoutMs }, params as unknown[]);
  return rows as T;
}

export interface WriteResult {
  affectedRows: number;
  insertId: number;
}
