import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';

/** Announces this agent (what `monitor_service status` lists); registering counts as its first poll. */
export async function registerAgent(db: Database, agentId: string, hostname: string, version: string): Promise<void> {
  await runQuery(
    db,
    `INSERT INTO monitor_agent (agent_id, hostname, pid, version, started_at, last_poll_at, stopped_at)
     VALUES (?, ?, ?, ?, NOW(3), NOW(3), NULL)
     ON DUPLICATE KEY UPDATE hostname = VALUES(hostname), pid = VALUES(pid), version = VALUES(version),
       started_at = NOW(3), last_poll_at = NOW(3), stopped_at = NULL`,
    [agentId, hostname, process.pid, version],
  );
}

export async function recordPoll(db: Database, agentId: string): Promise<void> {
  await runQuery(db, 'UPDATE monitor_agent SET last_poll_at = NOW(3) WHERE agent_id = ?', [agentId]);
}

export async function markAgentStopped(db: Database, agentId: string): Promise<void> {
  await runQuery(db, 'UPDATE monitor_agent SET stopped_at = NOW(3) WHERE agent_id = ? AND pid = ?', [agentId, process.pid]);
}
