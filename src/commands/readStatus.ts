import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { listAgents } from '../db/sql/listAgents.js';
import { listProcesses } from '../db/sql/listProcesses.js';
import { recentHistory, type HistoryRow } from '../db/sql/recentHistory.js';
import { describeDatabase } from './openDatabase.js';
import { selectShown } from './selectShown.js';
import { RESTARTS_SHOWN, type StatusData } from './statusScreen.js';

/**
 * What `monitor_service status` and the status page show: every process (the
 * summary counts them all), the `limit` rows to list (those needing attention
 * first; undefined = all) with their newest restarts, and the agents.
 */
export async function readStatus(db: Database, config: Pick<Config, 'database' | 'monitor'>, limit: number | undefined): Promise<StatusData> {
  const processes = await listProcesses(db, config.monitor.circuit_reset_time);
  const { shown } = selectShown(processes, limit);
  const history = new Map<number, HistoryRow[]>();
  // One indexed query per process listed: a screenful, unless everything is asked for.
  for (const row of shown) history.set(row.process_id, await recentHistory(db, row.process_id, RESTARTS_SHOWN));
  const agents = await listAgents(db);
  return {
    database: describeDatabase(config.database),
    dbNow: agents[0]?.db_now ?? processes[0]?.db_now ?? new Date(),
    checkIntervalSeconds: config.monitor.check_interval,
    processes,
    shown,
    history,
    agents,
  };
}
