import { agentLiveness } from '../agent/agentLiveness.js';
import { alarmsPerGroup } from './alarmsPerGroup.js';
import { EXIT_OK } from './exitCodes.js';
import { iso, processJson } from './processJson.js';
import { readStatus } from './readStatus.js';
import { STATUS_ROWS_SHOWN } from './selectShown.js';
import { formatStatusScreen, type StatusData } from './statusScreen.js';
import { wantsColor } from './textTable.js';
import { withToolDatabase } from './withToolDatabase.js';

export interface StatusOptions {
  /** Every process, not one screen's worth. */
  all: boolean;
  json: boolean;
}

/** `monitor_service status`: one screen of processes, breakers, recent restarts and agents (or JSON). */
export function showStatus(file: string, options: StatusOptions = { all: false, json: false }): Promise<number> {
  return withToolDatabase({ program: 'monitor_service', command: 'status' }, file, async (db, config) => {
    const data = await readStatus(db, config, options.all ? undefined : STATUS_ROWS_SHOWN);
    process.stdout.write(options.json ? `${JSON.stringify(statusJson(data), null, 2)}\n` : formatStatusScreen(data, wantsColor(process.stdout)));
    return EXIT_OK;
  });
}

/** `status --json`: documented field names (README, man page); fields are added, never renamed. */
export function statusJson(data: StatusData) {
  const shown = data.shown ?? data.processes;
  const agents = data.agents.map((agent) => {
    const liveness = agentLiveness(agent, data.dbNow, data.checkIntervalSeconds);
    return {
      agent_id: agent.agent_id,
      agent_group: agent.agent_group,
      hostname: agent.hostname,
      pid: agent.pid,
      version: agent.version,
      started_at: iso(agent.started_at),
      last_poll_at: iso(agent.last_poll_at),
      alive: liveness.alive,
      state: liveness.text,
    };
  });
  return {
    database: data.database,
    database_time: iso(data.dbNow),
    summary: {
      processes: data.processes.length,
      in_alarm: data.processes.filter((row) => row.in_status && row.alarma === 1).length,
      breakers_open: data.processes.filter((row) => row.breaker_state === 'open').length,
      agents_alive: agents.filter((agent) => agent.alive).length,
      processes_listed: shown.length,
    },
    processes: shown.map((row) => ({
      ...processJson(row),
      recent_restarts: (data.history.get(row.process_id) ?? []).map((entry) => ({
        started_at: iso(entry.started_at),
        outcome: entry.outcome,
        attempts: entry.attempts,
        reason: entry.reason,
      })),
    })),
    agents,
    alarms_per_group: alarmsPerGroup(data.processes, data.agents, (agent) => agentLiveness(agent, data.dbNow, data.checkIntervalSeconds).alive).map(
      (group) => ({ group: group.group, alarms: group.alarms, agents_alive: group.agentsAlive }),
    ),
  };
}
