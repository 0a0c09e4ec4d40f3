import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';

/** An agent that never marked itself stopped, as last heard from. */
export interface VanishedAgent {
  agent_id: string;
  hostname: string;
  started_at: Date;
  last_seen: Date;
}

// "Not yet reported for this life": vanish_noticed_at is older than the row's
// started_at (or NULL), so a new start of that agent can be reported again.
const NOT_REPORTED = '(vanish_noticed_at IS NULL OR vanish_noticed_at < started_at)';

/**
 * Agents other than `me` whose last sign of life (heartbeat, or start) is older
 * than `silenceSeconds` on the database's clock and that nobody reported yet.
 */
export function findSilentAgents(db: Database, me: string, silenceSeconds: number): Promise<VanishedAgent[]> {
  return runQuery<VanishedAgent[]>(
    db,
    `SELECT agent_id, hostname, started_at, COALESCE(last_poll_at, started_at) AS last_seen FROM monitor_agent
     WHERE agent_id <> ? AND stopped_at IS NULL AND ${NOT_REPORTED}
       AND COALESCE(last_poll_at, started_at) < NOW(3) - INTERVAL ? SECOND`,
    [me, silenceSeconds],
  );
}

/** This agent's own row, if its last life ended without markAgentStopped and nobody reported it. */
export async function findOwnUnreportedEnd(db: Database, me: string): Promise<VanishedAgent | undefined> {
  const rows = await runQuery<VanishedAgent[]>(
    db,
    `SELECT agent_id, hostname, started_at, COALESCE(last_poll_at, started_at) AS last_seen FROM monitor_agent
     WHERE agent_id = ? AND stopped_at IS NULL AND ${NOT_REPORTED}`,
    [me],
  );
  return rows[0];
}

/**
 * Takes the report of one vanished life (the row's started_at): a conditional
 * UPDATE, so with several agents exactly one reports it. `silenceSeconds`
 * re-checks the silence in the same statement (undefined: the agent itself
 * reports its own previous life).
 */
export async function claimVanishedReport(db: Database, agent: VanishedAgent, silenceSeconds?: number): Promise<boolean> {
  const silent = silenceSeconds === undefined ? '' : ' AND COALESCE(last_poll_at, started_at) < NOW(3) - INTERVAL ? SECOND';
  const result = await runQuery<WriteResult>(
    db,
    `UPDATE monitor_agent SET vanish_noticed_at = NOW(3)
     WHERE agent_id = ? AND started_at = ? AND stopped_at IS NULL AND ${NOT_REPORTED}${silent}`,
    silenceSeconds === undefined ? [agent.agent_id, agent.started_at] : [agent.agent_id, agent.started_at, silenceSeconds],
  );
  return result.affectedRows === 1;
}
