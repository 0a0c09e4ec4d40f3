import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** One row of the poll: an alarm, its registration and its breaker, as the database sees them now. */
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
  rows: AlarmRow[];
  /** monitor_process_host does not exist (sql/setup.sql not re-run since the upgrade): every alarm counts as unassigned. */
  placementTableMissing: boolean;
}

const COLUMNS = `s.process_id, s.alarma, p.process_id AS registered_id, p.process_name,
       b.state AS breaker_state, b.failures AS breaker_failures,
       b.opened_at AS breaker_opened_at, b.skip_reported AS breaker_skip_reported,
       NOW(3) AS db_now`;

/**
 * The poll: one indexed query per check_interval. `alarma <> 0` reads the
 * alarma index (range scan) and every join is by primary key, so the rows
 * examined follow the alarms, not the registry nor the number of agents; the
 * placement filter is in the query, so an agent never even sees another
 * group's alarms. Values other than 1 come back too, so they can be reported.
 */
const SQL = `
SELECT ${COLUMNS}
FROM STATUS_PROCESS s
LEFT JOIN monitor_process_host h ON h.process_id = s.process_id
LEFT JOIN PROCESE p ON p.process_id = s.process_id
LEFT JOIN monitor_circuit_breaker b ON b.process_id = s.process_id
WHERE s.alarma <> 0 AND (h.host = ? OR (h.process_id IS NULL AND ? = 1))
ORDER BY s.process_id`;

/** Before monitor_process_host existed: every alarm is unassigned. */
const UNPLACED_SQL = `
SELECT ${COLUMNS}
FROM STATUS_PROCESS s
LEFT JOIN PROCESE p ON p.process_id = s.process_id
LEFT JOIN monitor_circuit_breaker b ON b.process_id = s.process_id
WHERE s.alarma <> 0
ORDER BY s.process_id`;

export async function pollAlarms(db: Database, placement: Placement): Promise<PollResult> {
  try {
    const rows = await runQuery<AlarmRow[]>(db, SQL, [placement.agentGroup, placement.takeUnassigned ? 1 : 0]);
    return { rows, placementTableMissing: false };
  } catch (error) {
    if (!isMissingPlacementTable(error)) throw error;
    // The agent keeps working as before the upgrade (and says why): nothing is assigned yet.
    const rows = placement.takeUnassigned ? await runQuery<AlarmRow[]>(db, UNPLACED_SQL) : [];
    return { rows, placementTableMissing: true };
  }
}

function isMissingPlacementTable(error: unknown): boolean {
  const e = error as { code?: string; sqlMessage?: string } | null;
  return e?.code === 'ER_NO_SUCH_TABLE' && (e.sqlMessage ?? '').includes('monitor_process_host');
}
