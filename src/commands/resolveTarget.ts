import type { ProcessRow } from '../db/sql/listProcesses.js';
import { oneLine } from './displayText.js';

export type Target = { ok: true; row: ProcessRow } | { ok: false; message: string };

/**
 * Finds the process an operator means by "7" or "apache2". Digits are an id
 * first, then a name. It must have a STATUS_PROCESS row (that is where the
 * alarm lives); a name shared by several ids is refused rather than guessed.
 */
export function resolveTarget(target: string, rows: ProcessRow[]): Target {
  const wanted = target.trim();
  if (wanted === '') return { ok: false, message: 'no process given: give an id or a name' };
  const byId = /^\d+$/.test(wanted) ? rows.filter((row) => row.process_id === Number(wanted)) : [];
  const matches = byId.length > 0 ? byId : rows.filter((row) => row.process_name === wanted);
  const shown = oneLine(wanted, 40);
  const [match] = matches;
  if (!match) return { ok: false, message: `no process with id or name "${shown}"; nothing changed (test-alarm list shows them)` };
  if (matches.length > 1) {
    const ids = matches.map((row) => row.process_id).join(', ');
    return { ok: false, message: `several processes are named "${shown}" (ids ${ids}); give the id; nothing changed` };
  }
  if (!match.in_status) {
    return {
      ok: false,
      message: `process ${match.process_id} (${oneLine(match.process_name, 40)}) has no STATUS_PROCESS row to hold an alarm; insert one first; nothing changed`,
    };
  }
  return { ok: true, row: match };
}
