import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '../log/createLogger.js';
import { messages } from '../log/messages.js';
import { isWriteConflict } from './classifyDbError.js';
import { describeDbError } from './describeDbError.js';

export interface DbRetryOptions {
  log: Logger;
  /** Upper bound of the backoff between two tries, ms. */
  maxDelayMs: number;
  /** Stops retrying (shutdown): the promise rejects. */
  signal: AbortSignal;
  what: string;
}

/**
 * Runs a database operation until it succeeds: the agent never gives up on
 * the database and never exits because of it. The first failure is an ERROR,
 * the retries WARNINGs with their delay, and a recovery says so. A write
 * conflict (1213) is no outage: it is retried quietly (DEBUG).
 */
export async function withDbRetry<T>(operation: () => Promise<T>, options: DbRetryOptions): Promise<T> {
  let failed = false;
  const result = await pRetry(
    async () => {
      if (options.signal.aborted) throw new AbortError('shutting down');
      return operation();
    },
    {
      retries: Infinity,
      factor: 2,
      minTimeout: 200,
      maxTimeout: options.maxDelayMs,
      randomize: true,
      signal: options.signal,
      onFailedAttempt: ({ error, attemptNumber }) => {
        // Shutting down is not a database problem: say nothing.
        if (options.signal.aborted) return;
        // A certification conflict (multi-primary cluster) or deadlock wrote nothing and says
        // nothing about the database's health: retried at once, no ERROR, no outage.
        if (isWriteConflict(error)) {
          options.log.debug(`${options.what}: write conflict with another session or cluster node (${describeDbError(error)}); retrying`);
          return;
        }
        if (!failed) options.log.error(messages.databaseError(`${options.what}: ${describeDbError(error)}`));
        else
          options.log.warning(
            messages.databaseRetry(attemptNumber, Math.round(Math.min(options.maxDelayMs, 200 * 2 ** (attemptNumber - 1)) / 100) / 10, options.what),
          );
        failed = true;
      },
    },
  );
  if (failed) options.log.info(messages.databaseRecovered());
  return result;
}
