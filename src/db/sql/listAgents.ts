import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

export interface AgentRow {
  agent_id: string;
  /** The host name it serves in monitor_process_host ('' before sql/setup.sql was re-run). */
  agent_group: string;
  hostname: string;
  pid: number;
  version: string;
  started_at: Date;
  last_poll_at: Date | null;
  stopped_at: Date | null;
  /** The database's clock, so liveness does not depend on this host's clock. */
  db_now: Date;
}

const ER_BAD_FIELD_ERROR = 1054;

export function listAgents(db: Database): Promise<AgentRow[]> {
  const select = (group: string) =>
    runQuery<AgentRow[]>(
      db,
      `SELECT agent_id, ${group} AS agent_group, hostname, pid, version, started_at, last_poll_at, stopped_at, NOW(3) AS db_now
       FROM monitor_agent ORDER BY agent_id`,
    );
  // Without the column (sql/setup.sql not re-run since the upgrade) the group is unknown.
  return select('agent_group').catch((error: { errno?: number }) => {
    if (error.errno === ER_BAD_FIELD_ERROR) return select("''");
    throw error;
  });
}
