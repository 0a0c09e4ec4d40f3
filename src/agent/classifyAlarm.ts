import type { AlarmRow } from '../db/sql/pollAlarms.js';
import { messages } from '../log/messages.js';
import { printableName, validateProcessName } from '../process/validateProcessName.js';

/** What to do with one alarm row: restart it, or report why not. */
export type AlarmDecision = { kind: 'restart'; name: string } | { kind: 'problem'; key: string; message: string; name: string | null };

/** Pure: nothing from the row is trusted until it passes these checks. */
export function classifyAlarm(row: AlarmRow): AlarmDecision {
  if (Number(row.alarma) !== 1) {
    return { kind: 'problem', key: `alarma:${row.alarma}`, message: messages.invalidAlarmValue(row.process_id, String(row.alarma)), name: null };
  }
  if (row.registered_id === null) {
    return { kind: 'problem', key: 'unregistered', message: messages.unregistered(row.process_id), name: null };
  }
  const check = validateProcessName(row.process_name);
  if (!check.ok) {
    const shown = printableName(row.process_name);
    return { kind: 'problem', key: `name:${shown}`, message: messages.invalidName(row.process_id, shown, check.reason), name: shown };
  }
  return { kind: 'restart', name: check.name };
}
