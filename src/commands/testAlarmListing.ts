import type { ProcessRow } from '../db/sql/listProcesses.js';
import { describeBreaker } from './describeBreaker.js';
import { formatTime, oneLine } from './displayText.js';
import { formatTable, type Cell } from './textTable.js';

export const NO_PROCESE_MARK = '(no PROCESE row)';
export const NO_STATUS_MARK = '(no STATUS_PROCESS row)';

/** alarma as a person reads it: only 1 is an alarm; other values are shown, they are a problem. */
export function describeAlarm(row: Pick<ProcessRow, 'in_status' | 'alarma'>): Cell {
  if (!row.in_status || row.alarma === null) return '-';
  if (row.alarma === 1) return { text: 'ALARM', tone: 'bad' };
  if (row.alarma === 0) return 'ok';
  return { text: `? (${row.alarma})`, tone: 'warn' };
}

/** The newest history row in short: "success", "failure (2 attempts)". */
export function describeOutcome(outcome: string | null, attempts: number | null): Cell {
  if (!outcome) return '-';
  const text = attempts ? `${outcome} (${attempts} attempt${attempts === 1 ? '' : 's'})` : outcome;
  if (outcome === 'success') return { text, tone: 'good' };
  if (outcome === 'failure' || outcome === 'interrupted' || outcome === 'rejected') return { text, tone: 'bad' };
  // A watch saw it fail ([watch.NAME]): the restart that follows is the next row.
  if (outcome === 'detected') return { text, tone: 'warn' };
  return text;
}

/** A row present in one registry only is marked where the missing part would be. */
export function processListRow(row: ProcessRow): Cell[] {
  return [
    String(row.process_id),
    row.in_procese ? oneLine(row.process_name, 32) : { text: NO_PROCESE_MARK, tone: 'warn' },
    describeAlarm(row),
    row.in_status && row.sound !== null ? String(row.sound) : '-',
    describeBreaker(row.breaker_state, row.breaker_failures),
    formatTime(row.last_started_at),
    describeOutcome(row.last_outcome, row.last_attempts),
    row.in_status ? oneLine(row.notes, 30) : { text: NO_STATUS_MARK, tone: 'warn' },
  ];
}

export const PROCESS_LIST_HEADERS = ['ID', 'NAME', 'ALARM', 'SOUND', 'BREAKER', 'LAST RESTART', 'OUTCOME', 'NOTES'];

export function formatProcessList(rows: ProcessRow[], color = false): string {
  if (rows.length === 0) return 'No processes: STATUS_PROCESS and PROCESE are empty.\n';
  return formatTable(PROCESS_LIST_HEADERS, rows.map(processListRow), color);
}
