import { closeDatabase, type Database } from '../db/Database.js';
import type { Config } from '../config/types.js';
import { loadConfigOrExplain, printConfigWarnings } from './loadConfigOrExplain.js';
import { listAgents } from '../db/sql/listAgents.js';
import { listProcesses } from '../db/sql/listProcesses.js';
import { recentHistory, type HistoryRow } from '../db/sql/recentHistory.js';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK } from './exitCodes.js';
import { describeDatabase, describeDatabaseFailure, openToolDatabase } from './openDatabase.js';
import { formatStatusScreen, RESTARTS_SHOWN, type StatusData } from './statusScreen.js';
import { wantsColor } from './textTable.js';

/** `monitor_service status`: one screen of processes, breakers, recent restarts and agents. */
export async function showStatus(file: string): Promise<number> {
  const config = loadConfigOrExplain('monitor_service', file);
  if (config) printConfigWarnings('monitor_service', config);
  if (!config) return EXIT_CONFIG;
  const db = openToolDatabase(config);
  try {
    const data = await readStatus(db, config);
    process.stdout.write(formatStatusScreen(data, wantsColor(process.stdout)));
    return EXIT_OK;
  } catch (error) {
    process.stderr.write(`monitor_service status: ${describeDatabaseFailure(config.database, error)}\n`);
    return EXIT_FAILURE;
  } finally {
    await closeDatabase(db);
  }
}

async function readStatus(db: Database, config: Config): Promise<StatusData> {
  const processes = await listProcesses(db, config.monitor.circuit_reset_time);
  const history = new Map<number, HistoryRow[]>();
  // One indexed query per process: a status screen lists tens of processes, not thousands.
  for (const row of processes) history.set(row.process_id, await recentHistory(db, row.process_id, RESTARTS_SHOWN));
  const agents = await listAgents(db);
  return {
    database: describeDatabase(config.database),
    dbNow: agents[0]?.db_now ?? processes[0]?.db_now ?? new Date(),
    checkIntervalSeconds: config.monitor.check_interval,
    processes,
    history,
    agents,
  };
}
