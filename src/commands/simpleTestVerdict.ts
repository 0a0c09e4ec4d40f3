import type { HistoryRow } from '../db/sql/recentHistory.js';
import { oneLine } from './displayText.js';

export interface WaitObservation {
  name: string;
  processId: number;
  /** alarma read back last: 0 means cleared. */
  alarmCleared: boolean;
  waitedSeconds: number;
  /** The newest history row written for the process since the alarm was set. */
  newest: HistoryRow | undefined;
  /** [monitor] check_interval: an agent may take that long to notice the alarm. */
  checkIntervalSeconds: number;
}

export interface Verdict {
  pass: boolean;
  lines: string[];
}

function describeRow(row: HistoryRow): string {
  const reason = row.reason ? `: ${oneLine(row.reason, 200)}` : '';
  return `${row.outcome} after ${row.attempts} attempt(s) by agent ${oneLine(row.agent_id, 40)}${reason}`;
}

/** PASS when the alarm was cleared within the wait; either way, say what the agent recorded. */
export function simpleTestVerdict(seen: WaitObservation): Verdict {
  const who = `${seen.name} (ID ${seen.processId})`;
  if (seen.alarmCleared) {
    const lines = [`PASS: the alarm of ${who} was cleared within ${seen.waitedSeconds.toFixed(1)}s`];
    lines.push(seen.newest ? `  restart: ${describeRow(seen.newest)}` : '  (no restart was recorded for it: someone else cleared the alarm?)');
    return { pass: true, lines };
  }
  const lines = [`FAIL: the alarm of ${who} is still set after ${seen.waitedSeconds.toFixed(1)}s`];
  if (seen.newest) lines.push(`  last restart: ${describeRow(seen.newest)}`);
  else if (seen.waitedSeconds < seen.checkIntervalSeconds) {
    lines.push(
      `  no agent recorded anything for it yet; agents poll every ${seen.checkIntervalSeconds}s (check_interval): ` +
        `wait longer, e.g. --wait ${Math.ceil(seen.checkIntervalSeconds) + 30}`,
    );
  } else lines.push('  no agent recorded anything for it: is monitor_service running? (monitor_service status lists the agents)');
  // Not reset-all: on a live system that would clear real alarms too.
  lines.push(`  the alarm is left set; clear it with: UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = ${seen.processId};`);
  return { pass: false, lines };
}
