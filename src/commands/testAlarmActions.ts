import type { Config } from '../config/types.js';
import type { Database } from '../db/Database.js';
import { listProcesses, type ProcessRow } from '../db/sql/listProcesses.js';
import { resetAlarms } from '../db/sql/resetAlarms.js';
import { assignProcessHost, unassignProcessHost } from '../db/sql/assignProcessHost.js';
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

/** The process a command-line target (ID or name) names, or undefined after saying why not. */
async function findTarget(session: TestAlarmSession, target: string): Promise<ProcessRow | undefined> {
  const found = resolveTarget(target, await listProcesses(session.db, session.config.monitor.circuit_reset_time));
  if (found.ok) return found.row;
  process.stderr.write(`${PROGRAM}: ${found.message}\n`);
  return undefined;
}

export function setAction(session: TestAlarmSession, target: string): Promise<number> {
  return guarded(session, async () => {
    const row = await findTarget(session, target);
    if (!row) return EXIT_FAILURE;
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

/** Longest agent group name monitor_process_host.host holds. */
const HOST_MAX_LENGTH = 255;

/**
 * Assigns a process to an agent group (its host name by default): only agents
 * of that group act on its alarms from their next poll on. An empty host makes
 * it unassigned again.
 */
export function assignAction(session: TestAlarmSession, target: string, host: string): Promise<number> {
  return guarded(session, async () => {
    const row = await findTarget(session, target);
    if (!row) return EXIT_FAILURE;
    const name = row.in_procese ? oneLine(row.process_name, 40) : '(no PROCESE row)';
    const group = host.trim();
    if (group.length > HOST_MAX_LENGTH || [...group].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
      process.stderr.write(`${PROGRAM}: the host must be 1 to ${HOST_MAX_LENGTH} printable characters (an agent's [monitor] agent_group)\n`);
      return EXIT_FAILURE;
    }
    if (group === '') {
      const removed = await unassignProcessHost(session.db, row.process_id);
      session.out.write(`Process ${row.process_id} ${name} is unassigned${removed ? '' : ' (it already was)'}: agents with take_unassigned = yes handle it.\n`);
      return EXIT_OK;
    }
    await assignProcessHost(session.db, row.process_id, group);
    session.out.write(
      `Process ${row.process_id} ${name} is assigned to host ${oneLine(group, 60)}: only agents with agent_group ${oneLine(group, 60)} handle it.\n`,
    );
    return EXIT_OK;
  });
}
