import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

const ER_BAD_FIELD_ERROR = 1054;

export interface AgentAnnouncement {
  agentId: string;
  hostname: string;
  pid: number;
  agentGroup: string;
  version: string;
}

/** Announces this agent (what `monitor_service status` lists); registering counts as its first poll. */
export async function registerAgent(db: Database, me: AgentAnnouncement): Promise<void> {
  const write = (groupColumn: boolean) =>
    runQuery(
      db,
      `INSERT INTO monitor_agent (agent_id, hostname, pid, version, started_at, last_poll_at, stopped_at${groupColumn ? ', agent_group' : ''})
       VALUES (?, ?, ?, ?, NOW(3), NOW(3), NULL${groupColumn ? ', ?' : ''})
       ON DUPLICATE KEY UPDATE hostname = VALUES(hostname), pid = VALUES(pid), version = VALUES(version),
         started_at = NOW(3), last_poll_at = NOW(3), stopped_at = NULL${groupColumn ? ', agent_group = VALUES(agent_group)' : ''}`,
      [me.agentId, me.hostname, me.pid, me.version, ...(groupColumn ? [me.agentGroup] : [])],
    );
  // A database whose sql/setup.sql was not re-run since the upgrade has no agent_group column: register without it.
  await write(true).catch((error: { errno?: number }) => {
    if (error.errno === ER_BAD_FIELD_ERROR) return write(false);
    throw error;
  });
}

export async function recordPoll(db: Database, agentId: string): Promise<void> {
  await runQuery(db, 'UPDATE monitor_agent SET last_poll_at = NOW(3) WHERE agent_id = ?', [agentId]);
}

export async function markAgentStopped(db: Database, agentId: string): Promise<void> {
  await runQuery(db, 'UPDATE monitor_agent SET stopped_at = NOW(3) WHERE agent_id = ? AND pid = ?', [agentId, process.pid]);
}
