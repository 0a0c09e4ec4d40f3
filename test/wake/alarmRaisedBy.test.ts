import { describe, expect, it } from 'vitest';
import { alarmRaisedBy } from '../../src/wake/alarmRaisedBy.js';

describe('alarmRaisedBy', () => {
  it('wakes for an insert in alarm, not for one without', () => {
    expect(
      alarmRaisedBy({
        kind: 'writerows',
        rows: [
          { process_id: 1, alarma: 0 },
          { process_id: 2, alarma: 1 },
        ],
      }),
    ).toBe(true);
    expect(alarmRaisedBy({ kind: 'writerows', rows: [{ process_id: 1, alarma: 0 }] })).toBe(false);
  });

  it('wakes when an update raises alarma (full or minimal before image)', () => {
    expect(alarmRaisedBy({ kind: 'updaterows', rows: [{ before: { process_id: 1, alarma: 0 }, after: { process_id: 1, alarma: 1 } }] })).toBe(true);
    expect(alarmRaisedBy({ kind: 'updaterows', rows: [{ before: { process_id: 1 }, after: { alarma: 1 } }] })).toBe(true);
  });

  it('does not wake for a cleared alarm or another column of an alarmed row', () => {
    expect(alarmRaisedBy({ kind: 'updaterows', rows: [{ before: { process_id: 1, alarma: 1 }, after: { process_id: 1, alarma: 0 } }] })).toBe(false);
    expect(alarmRaisedBy({ kind: 'updaterows', rows: [{ before: { alarma: 1, notes: null }, after: { alarma: 1, notes: 'x' } }] })).toBe(false);
    expect(alarmRaisedBy({ kind: 'updaterows', rows: [{ before: { process_id: 1 }, after: { notes: 'x' } }] })).toBe(false);
  });
});
