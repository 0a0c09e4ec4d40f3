import { classifyDbError } from './classifyDbError.js';

/**
 * A write for ctx.persist (called again after each failure) that is never
 * applied twice: after a failure whose outcome is unknown (the node left the
 * cluster, COMMIT failed on the way, the connection dropped), the next call
 * first asks `landed` whether the earlier try did reach the database, and
 * returns what it found instead of writing again. After a failure that applied
 * nothing (a certification conflict, 1213) it simply writes again.
 */
export function checkedWrite<T>(write: () => Promise<T>, landed: () => Promise<T | undefined>): () => Promise<T> {
  let uncertain = false;
  return async () => {
    if (uncertain) {
      const found = await landed();
      if (found !== undefined) return found;
      uncertain = false;
    }
    try {
      return await write();
    } catch (error) {
      uncertain = classifyDbError(error) === 'unknown';
      throw error;
    }
  };
}
