import { agentLiveness } from '../agent/agentLiveness.js';
import { describeBreaker } from '../commands/describeBreaker.js';
import { formatTime, oneLine } from '../commands/displayText.js';
import { describeNextTrial, groupAlarmCells, RESTARTS_SHOWN, summaryLine, type StatusData } from '../commands/statusScreen.js';
import { needsAttention } from '../commands/selectShown.js';
import { describeAlarm, describeHost, describeOutcome, NO_PROCESE_MARK, NO_STATUS_MARK } from '../commands/testAlarmListing.js';
import type { ProcessRow } from '../db/sql/listProcesses.js';
import type { Cell } from '../commands/textTable.js';
import { escapeHtml } from './escapeHtml.js';
import { explainDecision } from './explainDecision.js';
import { STATUS_PAGE_CSS } from './statusPageStyle.js';

export interface PageOptions {
  /** Seconds between the page's own reloads. */
  refreshSeconds: number;
  /** This agent's id, for the title. */
  agentId: string;
}

/** One cell: text escaped, its tone as a class. */
function cell(label: string, value: Cell): string {
  const text = typeof value === 'string' ? value : value.text;
  const tone = typeof value === 'string' ? undefined : value.tone;
  return `<td data-label="${escapeHtml(label)}"${tone ? ` class="${tone}"` : ''}>${escapeHtml(text)}</td>`;
}

function table(headers: string[], rows: Cell[][]): string {
  const head = `<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((row) => `<tr>${row.map((value, i) => cell(headers[i] ?? '', value)).join('')}</tr>`).join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** The rows listed, those needing a look first: on a phone they are the first cards. */
function listedRows(data: StatusData): ProcessRow[] {
  const rows = data.shown ?? data.processes;
  return [...rows.filter(needsAttention), ...rows.filter((row) => !needsAttention(row))];
}

function processesSection(data: StatusData): string {
  const rows = listedRows(data);
  if (rows.length === 0) return '<p>No processes: STATUS_PROCESS and PROCESE are empty.</p>';
  const body = rows.map((row): Cell[] => [
    String(row.process_id),
    row.in_procese ? oneLine(row.process_name, 100) : { text: NO_PROCESE_MARK, tone: 'warn' },
    describeHost(row.assigned_host),
    row.in_status ? describeAlarm(row) : { text: NO_STATUS_MARK, tone: 'warn' },
    describeBreaker(row.breaker_state, row.breaker_failures),
    describeNextTrial(row),
    explainDecision(row),
  ]);
  const listed = new Set(rows.map((row) => row.process_id));
  const hidden = data.processes.filter((row) => !listed.has(row.process_id));
  const inAlarm = hidden.filter((row) => row.in_status && row.alarma === 1).length;
  const more =
    hidden.length > 0 ? `<p class="more">… and ${hidden.length} more process(es) (${inAlarm} of them in alarm): monitor_service status --all</p>` : '';
  return table(['ID', 'Name', 'Host', 'Alarm', 'Breaker', 'Next trial', 'Decision (why / why not)'], body) + more;
}

function restartsSection(data: StatusData): string {
  const body: Cell[][] = [];
  for (const process of listedRows(data)) {
    for (const entry of data.history.get(process.process_id) ?? []) {
      body.push([
        String(process.process_id),
        oneLine(process.process_name ?? '', 100),
        formatTime(entry.started_at),
        describeOutcome(entry.outcome, entry.attempts),
        oneLine(entry.agent_id, 60),
        oneLine(entry.reason, 1000),
      ]);
    }
  }
  if (body.length === 0) return '<p>No restarts or decisions recorded yet.</p>';
  return table(['ID', 'Name', 'Started', 'Outcome', 'Agent', 'Reason'], body);
}

function agentsSection(data: StatusData): string {
  if (data.agents.length === 0) return '<p>No agent has registered.</p>';
  const body = data.agents.map((agent): Cell[] => {
    const liveness = agentLiveness(agent, data.dbNow, data.checkIntervalSeconds);
    return [
      oneLine(agent.agent_id, 60),
      oneLine(agent.agent_group || '?', 60),
      oneLine(agent.hostname, 60),
      String(agent.pid),
      oneLine(agent.version, 20),
      formatTime(agent.started_at),
      formatTime(agent.last_poll_at),
      { text: liveness.text, tone: liveness.alive ? 'good' : 'bad' },
    ];
  });
  return table(['Agent', 'Group', 'Host', 'PID', 'Version', 'Started', 'Last poll', 'State'], body);
}

function groupsSection(data: StatusData): string {
  const body = groupAlarmCells(data);
  if (body.length === 0) return '<p>No process in alarm.</p>';
  return table(['Group', 'Alarms', 'Agents alive'], body);
}

/** The page around a body: refreshes itself, fits a phone, styles only through STATUS_PAGE_CSS. */
export function pageShell(title: string, options: PageOptions, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${options.refreshSeconds}">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STATUS_PAGE_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Pure: the whole status page as HTML; every text from the database is escaped. */
export function renderStatusPage(data: StatusData, options: PageOptions): string {
  const summary = summaryLine(data);
  const troubled = data.processes.some((row) => (row.in_status && row.alarma === 1) || row.breaker_state === 'open');
  const body = [
    `<h1>monitor_service on ${escapeHtml(oneLine(options.agentId, 60))}</h1>`,
    `<p class="meta">${escapeHtml(data.database)}; database time ${escapeHtml(formatTime(data.dbNow))}; refreshes every ${options.refreshSeconds} s</p>`,
    `<p class="summary${troubled ? ' bad' : ''}">${escapeHtml(summary)}</p>`,
    '<h2>Processes</h2>',
    processesSection(data),
    `<h2>Recent restarts and decisions (newest ${RESTARTS_SHOWN} per process)</h2>`,
    restartsSection(data),
    '<h2>Agents</h2>',
    agentsSection(data),
    '<h2>Alarms per group</h2>',
    groupsSection(data),
  ].join('\n');
  return pageShell(`monitor_service: ${summary}`, options, body);
}

/** The page when the database cannot be read: says so, and keeps refreshing. */
export function renderUnavailablePage(detail: string, options: PageOptions): string {
  const body = [
    `<h1>monitor_service on ${escapeHtml(oneLine(options.agentId, 60))}</h1>`,
    `<p class="error">The database cannot be read: ${escapeHtml(oneLine(detail, 500))}</p>`,
    `<p class="meta">Refreshes every ${options.refreshSeconds} s.</p>`,
  ].join('\n');
  return pageShell('monitor_service: database unavailable', options, body);
}

/** Pure: how often the page reloads: the poll interval, within 5 s and 60 s. */
export function refreshSeconds(checkIntervalSeconds: number): number {
  return Math.min(60, Math.max(5, Math.round(checkIntervalSeconds)));
}
