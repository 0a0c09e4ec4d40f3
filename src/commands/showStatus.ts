import type { Database } from '../db/Database.js';
import type { Config } from '../config/types.js';
import { listAgents } from '../db/sql/listAgents.js';
import { listProcesses } from '../db/sql/listProcesses.js';
import { recentHistory, type HistoryRow } from '../db/sql/recentHistory.js';
import { EXIT_OK } from './exitCodes.js';
import { describeDatabase } from './openDatabase.js';
import { formatStatusScreen, RESTARTS_SHOWN, type StatusData } from './statusScreen.js';
import { wantsColor } from './textTable.js';
import { withToolDatabase } from './withToolDatabase.js';

/** `monitor_service status`: one screen of processes, breakers, recent restarts and agents. */
export function showStatus(file: string): Promise<number> {
  return withToolDatabase({ program: 'monitor_service', command: 'status' }, file, async (db, config) => {
    const data = await readStatus(db, config);
    process.stdout.write(formatStatusScreen(data, wantsColor(process.stdout)));
    return EXIT_OK;
  });
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
