import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** What a row is judged on (classifyAlarm): its alarm value, and its PROCESE row and name. */
export interface RowIdentity {
  alarma: unknown;
  /** 52 bits of a SHA1 of the name, computed by the server (a NULL name too); NULL when PROCESE has no row. */
  name_hash: number | null;
}

/** One row of the poll: small, read for every alarm on every check_interval. */
export interface AlarmKey extends RowIdentity {
  process_id: number;
  /** 1 when the process's circuit breaker is open, else 0. */
  breaker_open: number;
}

/** An alarm in full: its registration and its breaker, as the database sees them now. */
export interface AlarmRow {
  process_id: number;
  alarma: number;
  /** NULL when STATUS_PROCESS has the alarm but PROCESE has no row. */
  registered_id: number | null;
  process_name: unknown;
  breaker_state: string | null;
  breaker_failures: number | null;
  breaker_opened_at: Date | null;
  breaker_skip_reported: number | null;
  db_now: Date;
}

/** Which alarms are this agent's: those of its group, and the unassigned ones if it takes them. */
export interface Placement {
  agentGroup: string;
  takeUnassigned: boolean;
}

export interface PollResult {
  rows: AlarmKey[];
  /** monitor_process_host does not exist (sql/setup.sql not re-run since the upgrade): every alarm counts as unassigned. */
  placementTableMissing: boolean;
}

// The name goes over the wire as a hash: the full name (up to 255 characters) only when a row
// is read in full. 'n' + name and '' (a NULL name) never hash alike; 52 bits stay a JS number.
const IDENTITY = `s.alarma, IF(p.process_id IS NULL, NULL,
       CAST(CONV(LEFT(SHA1(COALESCE(CONCAT('n', p.process_name), '')), 13), 16, 10) AS UNSIGNED)) AS name_hash`;

const KEY_COLUMNS = `s.process_id, ${IDENTITY}, b.state <=> 'open' AS breaker_open`;

const ROW_COLUMNS = `s.process_id, ${IDENTITY}, p.process_id AS registered_id, p.process_name,
       b.state AS breaker_state, b.failures AS breaker_failures,
       b.opened_at AS breaker_opened_at, b.skip_reported AS breaker_skip_reported,
       NOW(3) AS db_now`;

const PLACED = `
FROM STATUS_PROCESS s
LEFT JOIN monitor_process_host h ON h.process_id = s.process_id
LEFT JOIN PROCESE p ON p.process_id = s.process_id
LEFT JOIN monitor_circuit_breaker b ON b.process_id = s.process_id
WHERE s.alarma <> 0 AND (h.host = ? OR (h.process_id IS NULL AND ? = 1))`;

/** Before monitor_process_host existed: every alarm is unassigned. */
const UNPLACED = `
FROM STATUS_PROCESS s
LEFT JOIN PROCESE p ON p.process_id = s.process_id
LEFT JOIN monitor_circuit_breaker b ON b.process_id = s.process_id
WHERE s.alarma <> 0`;

/**
 * The poll: one indexed query per check_interval. `alarma <> 0` reads the
 * alarma index (range scan) and every join is by primary key, so the rows
 * examined follow the alarms, not the registry nor the number of agents; the
 * placement filter is in the query, so an agent never even sees another
 * group's alarms. Values other than 1 come back too, so they can be reported.
 * Only what decides whether a row must be read again comes back (AlarmKey):
 * ten thousand rejected rows in alarm cost little on every poll.
 */
export async function pollAlarms(db: Database, placement: Placement): Promise<PollResult> {
  return withPlacement(placement, (where, params) => runQuery<AlarmKey[]>(db, `SELECT ${KEY_COLUMNS}${where} ORDER BY s.process_id`, params));
}

const readRows = (where: string): string => `SELECT ${ROW_COLUMNS}${where} AND s.process_id IN (?) ORDER BY s.process_id`;

/** readAlarmRows' statement (parameters: group, take unassigned, ids), for EXPLAIN in the tests: by primary key. */
export const READ_ALARM_ROWS_SQL = readRows(PLACED);

/** The alarms of `processIds` in full (still in alarm, still this agent's), one row per PROCESE row. */
export async function readAlarmRows(db: Database, placement: Placement, processIds: readonly number[]): Promise<Array<AlarmRow & RowIdentity>> {
  if (processIds.length === 0) return [];
  const { rows } = await withPlacement(placement, (where, params) => runQuery<Array<AlarmRow & RowIdentity>>(db, readRows(where), [...params, processIds]));
  return rows;
}

async function withPlacement<T>(
  placement: Placement,
  select: (where: string, params: unknown[]) => Promise<T[]>,
): Promise<{ rows: T[]; placementTableMissing: boolean }> {
  try {
    const rows = await select(PLACED, [placement.agentGroup, placement.takeUnassigned ? 1 : 0]);
    return { rows, placementTableMissing: false };
  } catch (error) {
    if (!isMissingPlacementTable(error)) throw error;
    // The agent keeps working as before the upgrade (and says why): nothing is assigned yet.
    const rows = placement.takeUnassigned ? await select(UNPLACED, []) : [];
    return { rows, placementTableMissing: true };
  }
}

function isMissingPlacementTable(error: unknown): boolean {
  const e = error as { code?: string; sqlMessage?: string } | null;
  return e?.code === 'ER_NO_SUCH_TABLE' && (e.sqlMessage ?? '').includes('monitor_process_host');
}
