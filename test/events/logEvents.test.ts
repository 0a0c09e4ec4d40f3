// The log lines written from events: the guide's lines word for word, the
// others as the README and man page quote them.
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { logEvent } from '../../src/events/logEvents.js';
import type { Logger } from '../../src/log/createLogger.js';
import { formatTimestamp } from '../../src/clock/formatTimestamp.js';

function linesFor(event: AgentEvent): string[] {
  const lines: string[] = [];
  const log: Logger = {
    error: (m) => lines.push(`ERROR - ${m}`),
    warning: (m) => lines.push(`WARNING - ${m}`),
    info: (m) => lines.push(`INFO - ${m}`),
    debug: (m) => lines.push(`DEBUG - ${m}`),
    close: () => Promise.resolve(),
  };
  logEvent(log, event);
  return lines;
}

const apache = { processId: 1, name: 'apache2' };
const at = new Date(2023, 5, 15, 10, 45, 10);

describe('logEvent', () => {
  it("writes the guide's lines word for word", () => {
    expect(linesFor({ type: 'alarm.seen', ...apache })).toEqual(['INFO - Found process in alarm: apache2 (ID: 1)']);
    expect(linesFor({ type: 'procedure.started', ...apache, strategy: 'service', note: '' })).toEqual([
      'INFO - RESTART LOG: Beginning restart procedure for apache2 (strategy: service)',
    ]);
    expect(linesFor({ type: 'breaker.opened', ...apache, failures: 3, trialAfter: at })).toEqual([
      'WARNING - Circuit breaker opened for apache2 after 3 failures',
      `DEBUG - Circuit breaker for apache2 allows a trial after about ${formatTimestamp(at)}`,
    ]);
  });

  it('says how auto chose, before the guide line', () => {
    expect(linesFor({ type: 'procedure.started', ...apache, strategy: 'service', note: 'auto: system unit apache2.service exists' })).toEqual([
      'INFO - RESTART LOG: apache2: auto: system unit apache2.service exists',
      'INFO - RESTART LOG: Beginning restart procedure for apache2 (strategy: service)',
    ]);
  });

  it('breaker lines', () => {
    expect(linesFor({ type: 'breaker.skipped', ...apache, failures: 3, retryAt: at })).toEqual([
      `WARNING - Circuit breaker open for apache2: restart skipped until ${formatTimestamp(at)}`,
    ]);
    expect(linesFor({ type: 'breaker.trial', ...apache })).toEqual(['INFO - Circuit breaker for apache2: reset time passed, allowing one trial restart']);
    expect(linesFor({ type: 'breaker.closed', ...apache })).toEqual(['INFO - Circuit breaker closed for apache2']);
  });

  it('who cleared the alarm', () => {
    expect(linesFor({ type: 'alarm.cleared', ...apache, byAgent: true })).toEqual(['INFO - Alarm cleared for apache2 (ID: 1)']);
    expect(linesFor({ type: 'alarm.cleared', ...apache, byAgent: false })).toEqual(['INFO - Alarm for apache2 (ID: 1) was already cleared by someone else']);
  });

  it('an interrupted procedure says by what; a finished one says nothing more (the procedure logged its steps)', () => {
    const finished = { ...apache, strategy: 'process', attempts: 1, reason: 'x' };
    expect(linesFor({ type: 'procedure.finished', ...finished, outcome: 'interrupted', interruptedBy: 'shutdown' })).toEqual([
      'WARNING - RESTART LOG: Restart procedure for apache2 interrupted by shutdown; alarm kept for the next start',
    ]);
    expect(linesFor({ type: 'procedure.finished', ...finished, outcome: 'interrupted', interruptedBy: 'claim lost' })).toEqual([
      'WARNING - RESTART LOG: Restart procedure for apache2 stopped: its claim expired and another agent took the alarm over; no further attempt here',
    ]);
    expect(linesFor({ type: 'procedure.finished', ...finished, outcome: 'failure' })).toEqual([]);
  });

  it('a rejected alarm is logged as its message', () => {
    expect(linesFor({ type: 'alarm.rejected', processId: 9, name: null, reason: 'r', message: 'Process ID 9 is in alarm but has no row in PROCESE' })).toEqual([
      'WARNING - Process ID 9 is in alarm but has no row in PROCESE',
    ]);
  });

  it('start, stop and the database are logged elsewhere', () => {
    expect(linesFor({ type: 'agent.started', agentId: 'a', version: '1' })).toEqual([]);
    expect(linesFor({ type: 'database.lost', what: 'poll', detail: 'x' })).toEqual([]);
  });
});
