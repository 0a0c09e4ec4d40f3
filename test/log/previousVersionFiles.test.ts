import { describe, expect, it } from 'vitest';
import { isPreviousVersionLink, previousVersionFiles } from '../../src/log/previousVersionFiles.js';

describe('isPreviousVersionLink', () => {
  const logFile = '/var/log/monitor_service.log';

  it('recognises the link an earlier version made, relative or absolute', () => {
    expect(isPreviousVersionLink(logFile, 'monitor_service-2026-11-25.log')).toBe(true);
    expect(isPreviousVersionLink(logFile, 'monitor_service-2026-11-25.log.4')).toBe(true);
    expect(isPreviousVersionLink(logFile, '/var/log/monitor_service-2026-11-25.log.12')).toBe(true);
  });

  it('refuses any other target', () => {
    expect(isPreviousVersionLink(logFile, '/etc/shadow')).toBe(false);
    expect(isPreviousVersionLink(logFile, '/tmp/monitor_service-2026-11-25.log')).toBe(false); // another directory
    expect(isPreviousVersionLink(logFile, '../log2/monitor_service-2026-11-25.log')).toBe(false);
    expect(isPreviousVersionLink(logFile, 'other-2026-11-25.log')).toBe(false);
    expect(isPreviousVersionLink(logFile, 'monitor_service-2026-11-25.log.1/../../../etc/shadow')).toBe(false);
    expect(isPreviousVersionLink(logFile, 'monitor_service-2026-11-25.logx')).toBe(false);
  });

  it('takes the base name literally (dots are not wildcards)', () => {
    expect(isPreviousVersionLink('/l/a.b.log', 'a.b-2026-01-02.log')).toBe(true);
    expect(isPreviousVersionLink('/l/a.b.log', 'axb-2026-01-02.log')).toBe(false);
  });
});

describe('previousVersionFiles', () => {
  it('lists the dated files and the audit file, nothing else', () => {
    const names = [
      'monitor_service.log',
      'monitor_service.log.1',
      'monitor_service-2026-11-24.log',
      'monitor_service-2026-11-25.log.3',
      '.monitor_service-audit.json',
      'syslog',
      'other-2026-11-25.log',
    ];
    expect(previousVersionFiles('/var/log/monitor_service.log', names)).toEqual([
      '.monitor_service-audit.json',
      'monitor_service-2026-11-24.log',
      'monitor_service-2026-11-25.log.3',
    ]);
  });
});
