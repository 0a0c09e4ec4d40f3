import { describe, expect, it } from 'vitest';
import { explainDecision } from '../../src/web/explainDecision.js';
import { processRow } from '../commands/processRowFixture.js';

const now = new Date(2024, 4, 1, 12, 0, 0);
const at = (h: number, m: number): Date => new Date(2024, 4, 1, h, m, 0);
const textOf = (cell: ReturnType<typeof explainDecision>): string => (typeof cell === 'string' ? cell : cell.text);

describe('explainDecision', () => {
  it('says why an alarm is not acted on', () => {
    expect(textOf(explainDecision(processRow({ alarma: 1, breaker_state: 'open', breaker_failures: 3, breaker_next_trial_at: at(12, 30), db_now: now })))).toBe(
      'not restarted: circuit breaker open after 3 failures; next trial at 2024-05-01 12:30:00',
    );
    expect(textOf(explainDecision(processRow({ alarma: 1, breaker_state: 'open', breaker_failures: 1, breaker_next_trial_at: at(11, 30), db_now: now })))).toBe(
      'not restarted: circuit breaker open after 1 failure; its trial is due: the next poll lets one restart through',
    );
    expect(textOf(explainDecision(processRow({ alarma: 1, in_procese: 0, process_name: null })))).toBe('not restarted: no PROCESE row gives this id a name');
    expect(textOf(explainDecision(processRow({ alarma: 1, process_name: '<img src=x>' })))).toMatch(/^not restarted: the name is refused \(only letters/);
    expect(textOf(explainDecision(processRow({ alarma: 1, last_outcome: 'rejected', last_reason: 'two processes share id 4' })))).toBe(
      'not restarted: two processes share id 4',
    );
    expect(textOf(explainDecision(processRow({ alarma: 2 })))).toBe('nothing to do: alarma = 2 is not an alarm (only 1 is)');
    expect(textOf(explainDecision(processRow({ in_status: 0, alarma: null })))).toMatch(/^not watched: no STATUS_PROCESS row/);
  });

  it('says what is being done, or that nothing needs doing', () => {
    expect(explainDecision(processRow())).toBe('no alarm');
    expect(textOf(explainDecision(processRow({ alarma: 1, last_outcome: 'in_progress', last_started_at: at(11, 59) })))).toBe(
      'restart in progress since 2024-05-01 11:59:00',
    );
    expect(textOf(explainDecision(processRow({ alarma: 1, breaker_state: 'half_open' })))).toMatch(/^trial restart in progress/);
    expect(textOf(explainDecision(processRow({ alarma: 1, last_outcome: 'success' })))).toBe('in alarm: the next poll starts a restart procedure');
  });
});
