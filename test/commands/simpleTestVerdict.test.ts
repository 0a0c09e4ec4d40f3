import { describe, expect, it } from 'vitest';
import { simpleTestVerdict } from '../../src/commands/simpleTestVerdict.js';
import type { HistoryRow } from '../../src/db/sql/recentHistory.js';

const row = (outcome: string, reason: string | null): HistoryRow => ({
  id: 5,
  process_id: 1,
  agent_id: 'web1',
  started_at: new Date(),
  finished_at: new Date(),
  strategy: 'service',
  attempts: 2,
  outcome,
  reason,
});
const base = { name: 'apache2', processId: 1, waitedSeconds: 3.21, checkIntervalSeconds: 1 };

describe('simpleTestVerdict', () => {
  it('passes when the alarm was cleared, quoting the restart', () => {
    const verdict = simpleTestVerdict({ ...base, alarmCleared: true, newest: row('success', 'health check passed (run 1)') });
    expect(verdict.pass).toBe(true);
    expect(verdict.lines).toEqual([
      'PASS: the alarm of apache2 (ID 1) was cleared within 3.2s',
      '  restart: success after 2 attempt(s) by agent web1: health check passed (run 1)',
    ]);
  });

  it('fails when the alarm is still set, with what the agent saw', () => {
    const verdict = simpleTestVerdict({ ...base, alarmCleared: false, newest: row('failure', 'health check failed') });
    expect(verdict.pass).toBe(false);
    expect(verdict.lines[1]).toBe('  last restart: failure after 2 attempt(s) by agent web1: health check failed');
  });

  it('fails with a hint when no agent recorded anything', () => {
    const verdict = simpleTestVerdict({ ...base, alarmCleared: false, newest: undefined });
    expect(verdict.lines.join('\n')).toContain('is monitor_service running?');
  });

  it('says the wait was shorter than check_interval rather than doubting the agent', () => {
    const verdict = simpleTestVerdict({ ...base, alarmCleared: false, newest: undefined, checkIntervalSeconds: 300 });
    expect(verdict.lines.join('\n')).toContain('agents poll every 300s (check_interval): wait longer, e.g. --wait 330');
    expect(verdict.lines.join('\n')).not.toContain('is monitor_service running?');
  });

  it('tells how to clear this one alarm, not every alarm', () => {
    const verdict = simpleTestVerdict({ ...base, alarmCleared: false, newest: undefined });
    expect(verdict.lines.at(-1)).toBe('  the alarm is left set; clear it with: UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 1;');
  });
});
