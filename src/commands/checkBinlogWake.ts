import type { Config } from '../config/types.js';
import { closeDatabase } from '../db/Database.js';
import { binlogProblems } from '../wake/binlogProblems.js';
import { readBinlogReadiness } from '../wake/readBinlogReadiness.js';
import { describeDatabaseFailure, openToolDatabase } from './openDatabase.js';

/**
 * With wake = binlog: what the server lacks for it, one warning line each
 * (the agent would fall back to polling, so these do not fail the check).
 * Empty with wake = poll or when everything is in place.
 */
export async function checkBinlogWake(config: Config): Promise<string[]> {
  if (config.monitor.wake !== 'binlog') return [];
  const fallback = '[monitor] wake = binlog will fall back to polling';
  const db = openToolDatabase(config);
  try {
    const problems = binlogProblems(await readBinlogReadiness(db, true));
    const lines = problems.map((problem) => `${fallback}: ${problem}`);
    if (problems.some((problem) => problem.includes('grant'))) {
      lines.push(`grant them with: GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '${config.database.user}'@'<its host>'`);
    }
    return lines;
  } catch (error) {
    return [`${fallback} unless the server can be checked: ${describeDatabaseFailure(config.database, error)}`];
  } finally {
    await closeDatabase(db);
  }
}
