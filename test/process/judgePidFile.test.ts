import { describe, expect, it } from 'vitest';
import { judgePidFileProcess, WRITE_SLACK_MS, type NamedProcess } from '../../src/process/judgePidFile.js';

const WRITTEN = 1_700_000_000_000;
const FILE = '/run/web.pid';

function proc(overrides: Partial<NamedProcess>): NamedProcess {
  return { running: true, startedAtMs: WRITTEN - 500, commandLine: '/usr/sbin/web -f', carriesName: false, ...overrides };
}

describe('judgePidFileProcess', () => {
  it('takes a running process that started before its pid file was written', () => {
    expect(judgePidFileProcess(FILE, 42, WRITTEN, 'web', proc({}))).toEqual({ instance: true });
    // The file rewritten much later (a daemon that refreshes it) changes nothing.
    expect(judgePidFileProcess(FILE, 42, WRITTEN + 86_400_000, 'web', proc({}))).toEqual({ instance: true });
  });

  it('allows for mtime kept to the second or two', () => {
    expect(judgePidFileProcess(FILE, 42, WRITTEN, 'web', proc({ startedAtMs: WRITTEN + WRITE_SLACK_MS }))).toEqual({ instance: true });
  });

  it('calls a pid file stale when its PID is not running (gone or a zombie)', () => {
    const stale = { instance: false, reason: 'pid file /run/web.pid names PID 42, which is not running (a stale pid file)' };
    expect(judgePidFileProcess(FILE, 42, WRITTEN, 'web', undefined)).toEqual(stale);
    expect(judgePidFileProcess(FILE, 42, WRITTEN, 'web', proc({ running: false }))).toEqual(stale);
  });

  it('calls a process that started after the file was written another program under a reused PID', () => {
    const later = proc({ startedAtMs: WRITTEN + 12_345, commandLine: 'sleep 600' });
    expect(judgePidFileProcess(FILE, 42, WRITTEN, 'web', later)).toEqual({
      instance: false,
      reason:
        'pid file /run/web.pid names PID 42, which is now another program ("sleep 600", started 12.3 s after the file was written): a reused PID, not web; never signalled',
    });
  });

  it('still takes a later process that carries the monitored name (the clock was set forward since it started)', () => {
    expect(judgePidFileProcess(FILE, 42, WRITTEN, 'web', proc({ startedAtMs: WRITTEN + 60_000, carriesName: true }))).toEqual({ instance: true });
  });

  it('shows a hostile command line escaped and cut', () => {
    const hostile = proc({ startedAtMs: WRITTEN + 60_000, commandLine: `evil \u001b[2J${'x'.repeat(200)}` });
    const verdict = judgePidFileProcess(FILE, 42, WRITTEN, 'web', hostile);
    expect(verdict.instance).toBe(false);
    const reason = verdict.instance ? '' : verdict.reason;
    expect(reason).not.toContain('\u001b');
    expect(reason).toContain('evil \\u001b[2J');
    expect(reason).toContain('x…');
  });
});
