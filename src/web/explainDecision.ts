import type { ProcessRow } from '../db/sql/listProcesses.js';
import { formatTime, oneLine } from '../commands/displayText.js';
import type { Cell } from '../commands/textTable.js';
import { validateProcessName } from '../process/validateProcessName.js';

/**
 * Pure: what the agent does about this process, and when it does nothing, why
 * not: the question a paged administrator asks first. Read from the same row
 * as the status screen (alarm, breaker on the database clock, newest history row).
 */
export function explainDecision(row: ProcessRow): Cell {
  if (!row.in_status) return { text: 'not watched: no STATUS_PROCESS row, so nothing can raise an alarm for it', tone: 'warn' };
  if (row.alarma !== 1) {
    if (row.alarma !== 0 && row.alarma !== null) return { text: `nothing to do: alarma = ${row.alarma} is not an alarm (only 1 is)`, tone: 'warn' };
    if (row.breaker_state === 'open')
      return { text: `no alarm; breaker still open: an alarm before ${formatTime(row.breaker_next_trial_at)} is not acted on`, tone: 'warn' };
    return 'no alarm';
  }
  if (!row.in_procese) return { text: 'not restarted: no PROCESE row gives this id a name', tone: 'bad' };
  const name = validateProcessName(row.process_name);
  if (!name.ok) return { text: `not restarted: the name is refused (${name.reason})`, tone: 'bad' };
  if (row.last_outcome === 'in_progress') return { text: `restart in progress since ${formatTime(row.last_started_at)}`, tone: 'warn' };
  if (row.breaker_state === 'half_open') return { text: 'trial restart in progress (circuit breaker half open)', tone: 'warn' };
  if (row.breaker_state === 'open') {
    const failures = row.breaker_failures ?? 0;
    const due = row.breaker_next_trial_at !== null && row.breaker_next_trial_at.getTime() <= row.db_now.getTime();
    const when = due ? 'its trial is due: the next poll lets one restart through' : `next trial at ${formatTime(row.breaker_next_trial_at)}`;
    return { text: `not restarted: circuit breaker open after ${failures} failure${failures === 1 ? '' : 's'}; ${when}`, tone: 'bad' };
  }
  if (row.last_outcome === 'rejected' || row.last_outcome === 'skipped') {
    return { text: `not restarted: ${oneLine(row.last_reason, 300) || row.last_outcome}`, tone: 'bad' };
  }
  return { text: 'in alarm: the next poll starts a restart procedure', tone: 'warn' };
}
