import type { AgentRow } from '../db/sql/listAgents.js';
import { formatTime } from './displayText.js';

/** The agent writes last_poll_at at most every 30 s; three of those is the least grace we give. */
export const MIN_SILENCE_SECONDS = 90;

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
  if (agent.stopped_at) return { alive: false, text: `stopped at ${formatTime(agent.stopped_at)}` };
  const windowMs = Math.max(3 * checkIntervalSeconds, MIN_SILENCE_SECONDS) * 1000;
  const lastSign = agent.last_poll_at ?? agent.started_at;
  const silentMs = dbNow.getTime() - lastSign.getTime();
  if (silentMs <= windowMs) return { alive: true, text: 'alive' };
  return { alive: false, text: `silent for ${formatDuration(silentMs / 1000)} (crashed or stuck?)` };
}

/** "45s", "12m 05s", "3h 02m", "2d 04h": long enough to read, short enough for a column. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const two = (n: number): string => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${two(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${two(Math.floor((s % 86_400) / 3600))}h`;
}
