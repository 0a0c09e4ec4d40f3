import { describe, expect, it } from 'vitest';
import { classifyAlarm } from '../../src/agent/classifyAlarm.js';
import type { AlarmRow } from '../../src/db/sql/pollAlarms.js';

function row(overrides: Partial<AlarmRow>): AlarmRow {
  return {
    process_id: 7,
    alarma: 1,
    registered_id: 7,
    process_name: 'apache2',
    breaker_state: null,
    breaker_failures: null,
    breaker_opened_at: null,
    breaker_skip_reported: null,
    db_now: new Date('2024-05-01T10:00:00Z'),
    ...overrides,
  };
}

describe('classifyAlarm', () => {
  it('restarts a registered process in alarm with a valid name', () => {
    expect(classifyAlarm(row({}))).toEqual({ kind: 'restart', name: 'apache2' });
    expect(classifyAlarm(row({ process_name: 'php-fpm7.4' }))).toEqual({ kind: 'restart', name: 'php-fpm7.4' });
  });

  it('accepts alarma as the driver may return it (1 as a string or bigint)', () => {
    expect(classifyAlarm(row({ alarma: '1' as unknown as number })).kind).toBe('restart');
    expect(classifyAlarm(row({ alarma: 1n as unknown as number })).kind).toBe('restart');
  });

  it.each([2, -1, 255])('leaves alarma = %s alone and says so', (alarma) => {
    const decision = classifyAlarm(row({ alarma }));
    expect(decision).toEqual({
      kind: 'problem',
      key: `alarma:${alarma}`,
      message: `Process ID 7 has alarma = ${alarma}; only 1 means alarm, the row is left alone`,
      name: null,
    });
  });

  it('reports an alarm with no PROCESE row (the guide registers STATUS_PROCESS first)', () => {
    const decision = classifyAlarm(row({ registered_id: null, process_name: null }));
    expect(decision).toMatchObject({ kind: 'problem', key: 'unregistered', name: null });
    if (decision.kind === 'problem') {
      expect(decision.message).toContain('Process ID 7');
      expect(decision.message).toContain('PROCESE');
    }
  });

  it.each([['x; touch /tmp/pwned'], ['$(id)'], ['-rf'], ['../etc'], ['apache2\nERROR - forged line'], [null], [''], ['x'.repeat(10240)]])(
    'refuses the hostile or broken name %j, and the message stays one printable line',
    (name) => {
      const decision = classifyAlarm(row({ process_name: name }));
      expect(decision.kind).toBe('problem');
      if (decision.kind !== 'problem') return;
      expect(decision.message).toContain('Process ID 7');
      expect(decision.message).toContain('nothing was run');
      expect(decision.message).not.toMatch(/[\n\r\0]/);
      expect(decision.message.length).toBeLessThan(400);
      expect(decision.key.startsWith('name:')).toBe(true);
    },
  );

  it('gives the same key for the same bad name, a different key for another', () => {
    const a = classifyAlarm(row({ process_name: '$(id)' }));
    const b = classifyAlarm(row({ process_name: '$(id)' }));
    const c = classifyAlarm(row({ process_name: '`id`' }));
    expect(a.kind === 'problem' && b.kind === 'problem' && c.kind === 'problem').toBe(true);
    if (a.kind === 'problem' && b.kind === 'problem' && c.kind === 'problem') {
      expect(a.key).toBe(b.key);
      expect(a.key).not.toBe(c.key);
    }
  });

  it('checks alarma before registration, and registration before the name', () => {
    expect(classifyAlarm(row({ alarma: 2, registered_id: null, process_name: '$(id)' }))).toMatchObject({ key: 'alarma:2' });
    expect(classifyAlarm(row({ registered_id: null, process_name: '$(id)' }))).toMatchObject({ key: 'unregistered' });
  });
});
