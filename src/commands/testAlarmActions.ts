import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { listProcesses } from '../db/sql/listProcesses.js';
import { resetAlarms } from '../db/sql/resetAlarms.js';
import { setAlarm } from '../db/sql/setAlarm.js';
import { setAllAlarms } from '../db/sql/setAllAlarms.js';
import { oneLine } from './displayText.js';
import { EXIT_FAILURE, EXIT_OK } from './exitCodes.js';
import { resolveTarget } from './resolveTarget.js';
import { processJson } from './processJson.js';
import { formatProcessList } from './testAlarmListing.js';
import { wantsColor } from './textTable.js';
import { reportDatabaseFailure } from './withToolDatabase.js';

export const PROGRAM = 'test-alarm';

export interface TestAlarmSession {
  config: Config;
  db: Database;
  out: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Runs one database action; a database error becomes one line on stderr and exit 1 (the menu goes on after it). */
async function guarded(session: TestAlarmSession, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    return reportDatabaseFailure({ program: PROGRAM }, session.config.database, error);
  }
}

export function listAction(session: TestAlarmSession, json = false): Promise<number> {
  return guarded(session, async () => {
    const rows = await listProcesses(session.db, session.config.monitor.circuit_reset_time);
    if (json) session.out.write(`${JSON.stringify(rows.map(processJson), null, 2)}\n`);
    else session.out.write(formatProcessList(rows, wantsColor(session.out)));
    return EXIT_OK;
  });
}

export function setAction(session: TestAlarmSession, target: string): Promise<number> {
  return guarded(session, async () => {
    const found = resolveTarget(target, await listProcesses(session.db, session.config.monitor.circuit_reset_time));
    if (!found.ok) {
      process.stderr.write(`${PROGRAM}: ${found.message}\n`);
      return EXIT_FAILURE;
    }
    const { row } = found;
    await setAlarm(session.db, row.process_id);
    const name = row.in_procese ? oneLine(row.process_name, 40) : `(no PROCESE row: the agent will warn and not restart it)`;
    const before = row.alarma === 1 ? ' (it already was)' : '';
    session.out.write(`Process ${row.process_id} ${name} is in alarm${before}.\n`);
    return EXIT_OK;
  });
}

export function setAllAction(session: TestAlarmSession): Promise<number> {
  return guarded(session, async () => {
    const rows = await listProcesses(session.db, session.config.monitor.circuit_reset_time);
    const registered = rows.filter((row) => row.in_status && row.in_procese).length;
    const unnamed = rows.filter((row) => row.in_status && !row.in_procese).length;
    if (registered === 0) {
      process.stderr.write(`${PROGRAM}: no process has both a STATUS_PROCESS and a PROCESE row; nothing set\n`);
      return EXIT_FAILURE;
    }
    await setAllAlarms(session.db);
    session.out.write(`All ${registered} registered process(es) are in alarm.\n`);
    if (unnamed > 0) session.out.write(`${unnamed} STATUS_PROCESS row(s) without a PROCESE name were left alone.\n`);
    return EXIT_OK;
  });
}

export function resetAllAction(session: TestAlarmSession): Promise<number> {
  return guarded(session, async () => {
    const count = await resetAlarms(session.db);
    session.out.write(count === 0 ? 'No alarm was set.\n' : `${count} alarm(s) reset.\n`);
    return EXIT_OK;
  });
}
