import type { AgentRow } from '../db/sql/listAgents.js';
import type { ProcessRow } from '../db/sql/listProcesses.js';
import type { HistoryRow } from '../db/sql/recentHistory.js';
import { agentLiveness } from '../agent/agentLiveness.js';
import { describeBreaker } from './describeBreaker.js';
import { formatTime, oneLine } from './displayText.js';
import { alarmsPerGroup } from './alarmsPerGroup.js';
import { describeAlarm, describeHost, describeOutcome, NO_PROCESE_MARK, NO_STATUS_MARK } from './testAlarmListing.js';
import { formatTable, type Cell } from './textTable.js';

/** How many history rows per process the status screen shows. */
export const RESTARTS_SHOWN = 3;
const REASON_WIDTH = 70;

export interface StatusData {
  /** "database v_process_monitor on socket … as …" */
  database: string;
  dbNow: Date;
  checkIntervalSeconds: number;
  /** Every process (the summary counts them all). */
  processes: ProcessRow[];
  /** The rows to list (see selectShown); undefined = all of them. */
  shown?: ProcessRow[];
  /** Newest first, by process id. */
  history: Map<number, HistoryRow[]>;
  agents: AgentRow[];
}

/** When an open breaker lets the next alarm through for a trial (computed by the database). */
export function describeNextTrial(row: Pick<ProcessRow, 'breaker_state' | 'breaker_next_trial_at' | 'db_now'>): Cell {
  if (row.breaker_state === 'half_open') return { text: 'trial in progress', tone: 'warn' };
  if (row.breaker_state !== 'open') return '-';
  if (!row.breaker_next_trial_at) return { text: 'unknown (no opened_at)', tone: 'warn' };
  const due = row.breaker_next_trial_at.getTime() <= row.db_now.getTime();
  return due ? { text: `${formatTime(row.breaker_next_trial_at)} (due: next alarm gets a trial)`, tone: 'warn' } : formatTime(row.breaker_next_trial_at);
}

function processesTable(rows: ProcessRow[], color: boolean): string {
  if (rows.length === 0) return 'No processes: STATUS_PROCESS and PROCESE are empty.\n';
  const body = rows.map((row): Cell[] => [
    String(row.process_id),
    row.in_procese ? oneLine(row.process_name, 32) : { text: NO_PROCESE_MARK, tone: 'warn' },
    describeHost(row.assigned_host),
    row.in_status ? describeAlarm(row) : { text: NO_STATUS_MARK, tone: 'warn' },
    describeBreaker(row.breaker_state, row.breaker_failures),
    describeNextTrial(row),
  ]);
  return formatTable(['ID', 'NAME', 'HOST', 'ALARM', 'BREAKER', 'NEXT TRIAL'], body, color);
}

function historyTable(data: StatusData, color: boolean): string {
  const body: Cell[][] = [];
  for (const process of data.shown ?? data.processes) {
    for (const entry of data.history.get(process.process_id) ?? []) {
      body.push([
        String(process.process_id),
        oneLine(process.process_name ?? '', 32),
        formatTime(entry.started_at),
        describeOutcome(entry.outcome, null),
        String(entry.attempts),
        oneLine(entry.reason, REASON_WIDTH),
      ]);
    }
  }
  if (body.length === 0) return 'No restarts recorded yet.\n';
  return formatTable(['ID', 'NAME', 'STARTED', 'OUTCOME', 'ATTEMPTS', 'REASON'], body, color);
}

function agentsTable(data: StatusData, color: boolean): string {
  if (data.agents.length === 0) return 'No agent has registered: is monitor_service running?\n';
  const body = data.agents.map((agent): Cell[] => {
    const liveness = agentLiveness(agent, data.dbNow, data.checkIntervalSeconds);
    return [
      oneLine(agent.agent_id, 40),
      oneLine(agent.agent_group || '?', 40),
      oneLine(agent.hostname, 40),
      String(agent.pid),
      oneLine(agent.version, 16),
      formatTime(agent.started_at),
      formatTime(agent.last_poll_at),
      { text: liveness.text, tone: liveness.alive ? 'good' : 'bad' },
    ];
  });
  return formatTable(['AGENT', 'GROUP', 'HOST', 'PID', 'VERSION', 'STARTED', 'LAST POLL', 'STATE'], body, color);
}

/**
 * Alarms per agent group, and how many agents of that group are alive: a group in alarm with
 * none alive is a host down. One row of cells per group (group, alarms, agents alive); the
 * status screen and the status page show the same.
 */
export function groupAlarmCells(data: StatusData): Cell[][] {
  const groups = alarmsPerGroup(data.processes, data.agents, (agent) => agentLiveness(agent, data.dbNow, data.checkIntervalSeconds).alive);
  return groups.map((group): Cell[] => [
    group.group === null ? '(unassigned)' : oneLine(group.group, 40),
    String(group.alarms),
    group.group === null ? '-' : { text: String(group.agentsAlive), tone: group.agentsAlive > 0 ? 'good' : 'bad' },
  ]);
}

function groupsTable(data: StatusData, color: boolean): string {
  const body = groupAlarmCells(data);
  if (body.length === 0) return 'No process in alarm.\n';
  return formatTable(['GROUP', 'ALARMS', 'AGENTS ALIVE'], body, color);
}

/** Says how many processes the screen leaves out, and how to see them. */
function hiddenLine(data: StatusData): string {
  const listed = new Set((data.shown ?? data.processes).map((row) => row.process_id));
  const hidden = data.processes.filter((row) => !listed.has(row.process_id));
  if (hidden.length === 0) return '';
  const inAlarm = hidden.filter((row) => row.in_status && row.alarma === 1).length;
  return `… and ${hidden.length} more process(es) (${inAlarm} of them in alarm): monitor_service status --all\n`;
}

/** The first line a paged administrator reads: what is wrong, in numbers. */
export function summaryLine(data: StatusData): string {
  const alarms = data.processes.filter((row) => row.in_status && row.alarma === 1).length;
  const open = data.processes.filter((row) => row.breaker_state === 'open').length;
  const alive = data.agents.filter((agent) => agentLiveness(agent, data.dbNow, data.checkIntervalSeconds).alive).length;
  return `${alarms} process(es) in alarm, ${open} circuit breaker(s) open, ${alive} agent(s) alive`;
}

/** The whole `monitor_service status` screen as text. */
export function formatStatusScreen(data: StatusData, color = false): string {
  return [
    `monitor_service status: ${data.database}, database time ${formatTime(data.dbNow)}\n`,
    `${summaryLine(data)}\n`,
    '\nPROCESSES\n',
    processesTable(data.shown ?? data.processes, color),
    hiddenLine(data),
    `\nRECENT RESTARTS (newest ${RESTARTS_SHOWN} per process)\n`,
    historyTable(data, color),
    '\nAGENTS\n',
    agentsTable(data, color),
    '\nALARMS PER GROUP\n',
    groupsTable(data, color),
  ].join('');
}
