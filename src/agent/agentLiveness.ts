import type { AgentRow } from '../db/sql/listAgents.js';
import { formatDuration } from '../clock/formatDuration.js';
import { formatTimestamp } from '../clock/formatTimestamp.js';

/** The agent writes last_poll_at at most every 30 s; three of those is the least grace we give. */
export const MIN_SILENCE_SECONDS = 90;

/** How long an agent may stay silent and still count as alive: max(3 × check_interval, 90 s). */
export function silenceWindowSeconds(checkIntervalSeconds: number): number {
  return Math.max(3 * checkIntervalSeconds, MIN_SILENCE_SECONDS);
}

export interface Liveness {
  alive: boolean;
  text: string;
}

/**
 * Does an agent look alive? Not stopped, and heard from within
 * max(3 × check_interval, 90 s) of the database's now. Before its first
 * heartbeat (last_poll_at NULL) its start time counts as the last sign of life.
 */
export function agentLiveness(agent: Pick<AgentRow, 'started_at' | 'last_poll_at' | 'stopped_at'>, dbNow: Date, checkIntervalSeconds: number): Liveness {
  if (agent.stopped_at) return { alive: false, text: `stopped at ${formatTimestamp(agent.stopped_at)}` };
  const windowMs = silenceWindowSeconds(checkIntervalSeconds) * 1000;
  const lastSign = agent.last_poll_at ?? agent.started_at;
  const silentMs = dbNow.getTime() - lastSign.getTime();
  if (silentMs <= windowMs) return { alive: true, text: 'alive' };
  return { alive: false, text: `silent for ${formatDuration(silentMs / 1000)} (crashed or stuck?)` };
}
