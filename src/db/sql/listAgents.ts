import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

export interface AgentRow {
  agent_id: string;
  hostname: string;
  pid: number;
  version: string;
  started_at: Date;
  last_poll_at: Date | null;
  stopped_at: Date | null;
  /** The database's clock, so liveness does not depend on this host's clock. */
  db_now: Date;
}

export function listAgents(db: Database): Promise<AgentRow[]> {
  return runQuery<AgentRow[]>(
    db,
    `SELECT agent_id, hostname, pid, version, started_at, last_poll_at, stopped_at, NOW(3) AS db_now
     FROM monitor_agent ORDER BY agent_id`,
  );
}
