import { describe, expect, it } from 'vitest';
import { describeBreaker } from '../../src/commands/describeBreaker.js';
import { oneLine } from '../../src/commands/displayText.js';
import { describeAlarm, describeOutcome, processListRow } from '../../src/commands/testAlarmListing.js';
import { processRow } from './processRowFixture.js';

const text = (cell: unknown): string => (typeof cell === 'string' ? cell : (cell as { text: string }).text);

describe('describeBreaker', () => {
  it('names the state and the failure count, no row meaning closed', () => {
    expect(describeBreaker(null, null)).toBe('closed');
    expect(describeBreaker('closed', 1)).toEqual({ text: 'closed (1 failure)', tone: 'warn' });
    expect(describeBreaker('open', 3)).toEqual({ text: 'open (3 failures)', tone: 'bad' });
    expect(describeBreaker('half_open', 3)).toEqual({ text: 'half_open (3 failures)', tone: 'warn' });
  });
});

describe('describeAlarm and describeOutcome', () => {
  it('only alarma = 1 is an alarm; other values are shown as a problem', () => {
    expect(text(describeAlarm({ in_status: 1, alarma: 1 }))).toBe('ALARM');
    expect(describeAlarm({ in_status: 1, alarma: 0 })).toBe('ok');
    expect(text(describeAlarm({ in_status: 1, alarma: 2 }))).toBe('? (2)');
    expect(describeAlarm({ in_status: 0, alarma: null })).toBe('-');
  });

  it('shows the outcome with its attempts', () => {
    expect(describeOutcome(null, null)).toBe('-');
    expect(describeOutcome('success', 1)).toEqual({ text: 'success (1 attempt)', tone: 'good' });
    expect(text(describeOutcome('failure', 2))).toBe('failure (2 attempts)');
    expect(describeOutcome('skipped', 0)).toBe('skipped');
  });

  it('shows a watch detection as a warning', () => {
    expect(describeOutcome('detected', 0)).toEqual({ text: 'detected', tone: 'warn' });
  });
});

describe('processListRow', () => {
  it('marks a row that only one registry has', () => {
    expect(text(processListRow(processRow({ in_procese: 0, process_name: null }))[1])).toBe('(no PROCESE row)');
    const statusless = processListRow(processRow({ in_status: 0, alarma: null, sound: null, notes: null }));
    expect(statusless.map(text)).toEqual(['1', 'apache2', '-', '-', 'closed', '-', '-', '(no STATUS_PROCESS row)']);
  });
});

describe('oneLine', () => {
  it('keeps database text on one safe line and cuts it', () => {
    expect(oneLine('a\nb\tc')).toBe('a b c');
    expect(oneLine('evil\u001b[2Jname')).toBe('evil?[2Jname');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx…');
    expect(oneLine(null)).toBe('');
  });
});
