import { describe, expect, it } from 'vitest';
import { findAmbiguousIds } from '../../src/agent/findAmbiguousIds.js';
import type { AlarmRow } from '../../src/db/sql/pollAlarms.js';

const row = (id: number, name: unknown, registered = true): AlarmRow => ({
  process_id: id,
  alarma: 1,
  registered_id: registered ? id : null,
  process_name: name,
  breaker_state: null,
  breaker_failures: null,
  breaker_opened_at: null,
  breaker_skip_reported: null,
  db_now: new Date(),
});

describe('findAmbiguousIds', () => {
  it('flags an id whose rows carry different names', () => {
    expect(findAmbiguousIds([row(1, 'nginx'), row(1, 'apache2'), row(2, 'sshd')])).toEqual(new Map([[1, ['nginx', 'apache2']]]));
  });
  it('accepts duplicated rows with one name, and unregistered rows', () => {
    expect(findAmbiguousIds([row(1, 'nginx'), row(1, 'nginx'), row(3, null, false), row(3, null, false)]).size).toBe(0);
  });
});
