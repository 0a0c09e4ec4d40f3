// A ProcessRow as listProcesses returns it, for tests of the pure formatting.
import type { ProcessRow } from '../../src/db/sql/listProcesses.js';

export function processRow(overrides: Partial<ProcessRow> = {}): ProcessRow {
  return {
    process_id: 1,
    in_status: 1,
    in_procese: 1,
    process_name: 'apache2',
    assigned_host: null,
    alarma: 0,
    sound: 0,
    notes: 'Web server',
    breaker_state: null,
    breaker_failures: null,
    breaker_opened_at: null,
    breaker_next_trial_at: null,
    last_started_at: null,
    last_outcome: null,
    last_attempts: null,
    last_reason: null,
    db_now: new Date('2024-05-01T12:00:00'),
    ...overrides,
  };
}
