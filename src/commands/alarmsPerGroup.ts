import type { AgentRow } from '../db/sql/listAgents.js';
import type { ProcessRow } from '../db/sql/listProcesses.js';

export interface GroupAlarms {
  /** The agent group (monitor_process_host.host); null = unassigned processes. */
  group: string | null;
  alarms: number;
  /** Live agents whose agent_group is this group. */
  agentsAlive: number;
}

/** Pure: processes in alarm counted per assigned group (unassigned first, then by name), with the live agents of each. */
export function alarmsPerGroup(
  processes: readonly Pick<ProcessRow, 'assigned_host' | 'in_status' | 'alarma'>[],
  agents: readonly Pick<AgentRow, 'agent_group' | 'started_at' | 'last_poll_at' | 'stopped_at'>[],
  isAlive: (agent: Pick<AgentRow, 'started_at' | 'last_poll_at' | 'stopped_at'>) => boolean,
): GroupAlarms[] {
  const counts = new Map<string | null, number>();
  for (const row of processes) {
    if (!row.in_status || row.alarma !== 1) continue;
    const group = row.assigned_host ?? null;
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  const alive = agents.filter(isAlive);
  return [...counts.entries()]
    .map(([group, alarms]) => ({ group, alarms, agentsAlive: group === null ? 0 : alive.filter((agent) => agent.agent_group === group).length }))
    .sort((a, b) => (a.group === null ? -1 : b.group === null ? 1 : a.group.localeCompare(b.group)));
}
