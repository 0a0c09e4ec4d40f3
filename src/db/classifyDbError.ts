/**
 * What a failed statement tells about the write it carried, on a single server
 * and on a multi-primary cluster (Galera) alike:
 * - `not-applied`: nothing was written (a certification conflict or deadlock,
 *   a lock wait given up, no connection made): retry.
 * - `unknown`: it may or may not have been written (the node left the cluster,
 *   COMMIT failed on the way, the connection dropped mid-statement): read the
 *   database again before acting on it.
 * - `other`: anything else (a bad statement, a missing table, access denied).
 */
export type DbErrorKind = 'not-applied' | 'unknown' | 'other';

/** ER_LOCK_DEADLOCK: Galera's answer to a certification conflict, from any statement or COMMIT. */
export const ER_LOCK_DEADLOCK = 1213;
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_CON_COUNT_ERROR = 1040;
/** ER_UNKNOWN_COM_ERROR: "WSREP has not yet prepared node for application use" (node not in the primary component). */
const ER_UNKNOWN_COM_ERROR = 1047;
const ER_ERROR_DURING_COMMIT = 1180;
const CR_SERVER_GONE_ERROR = 2006;
const CR_SERVER_LOST = 2013;

const NOT_APPLIED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNKNOWN_CODES = new Set(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT']);

export function classifyDbError(error: unknown): DbErrorKind {
  const { errno, code } = (error ?? {}) as { errno?: number; code?: string };
  if (errno === ER_LOCK_DEADLOCK || errno === ER_LOCK_WAIT_TIMEOUT || errno === ER_CON_COUNT_ERROR) return 'not-applied';
  if (code !== undefined && NOT_APPLIED_CODES.has(code)) return 'not-applied';
  if (errno === ER_UNKNOWN_COM_ERROR || errno === ER_ERROR_DURING_COMMIT || errno === CR_SERVER_GONE_ERROR || errno === CR_SERVER_LOST) return 'unknown';
  if (code !== undefined && UNKNOWN_CODES.has(code)) return 'unknown';
  return 'other';
}

/** A write conflict with another node or session: the database is fine, the write just lost a race. */
export function isWriteConflict(error: unknown): boolean {
  return (error as { errno?: number } | null)?.errno === ER_LOCK_DEADLOCK;
}

/**
 * The server behind this connection cannot serve us now (not in the cluster's
 * primary component, unreachable, gone): the next connection should go to
 * another server of the [database] host list.
 */
export function isServerUnusable(error: unknown): boolean {
  const { errno, code } = (error ?? {}) as { errno?: number; code?: string };
  if (isWriteConflict(error) || errno === ER_LOCK_WAIT_TIMEOUT || code === 'PROTOCOL_SEQUENCE_TIMEOUT') return false;
  return classifyDbError(error) !== 'other';
}
