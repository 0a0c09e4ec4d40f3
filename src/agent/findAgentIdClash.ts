import { readFileSync } from 'node:fs';
import { agentLiveness } from './agentLiveness.js';
import type { AgentRow } from '../db/sql/listAgents.js';

/** Is `pid` on this host a running monitor_service agent (not a reused pid)? */
export function isLocalAgentProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('monitorService');
  } catch {
    return false;
  }
}

/**
 * Another live agent already uses our agent_id? Two agents sharing one would
 * take over each other's claims and mark each other's procedures
 * interrupted. On this host the pid tells for sure (a crashed predecessor's
 * row is not a clash); on another host, a recent heartbeat does.
 */
export function findAgentIdClash(
  rows: readonly AgentRow[],
  me: { agentId: string; hostname: string; pid: number },
  checkIntervalSeconds: number,
  isRunningHere: (pid: number) => boolean = isLocalAgentProcess,
): AgentRow | undefined {
  return rows.find((row) => {
    if (row.agent_id !== me.agentId || row.stopped_at) return false;
    if (row.hostname === me.hostname) return row.pid !== me.pid && isRunningHere(row.pid);
    return agentLiveness(row, row.db_now, checkIntervalSeconds).alive;
  });
}
