import { describe, expect, it } from 'vitest';
import { describeIdentity, processIdentity } from '../../src/process/processIdentity.js';

describe('processIdentity', () => {
  it('is the exact name unless pid_file or match is set', () => {
    expect(processIdentity('web', { pid_file: '', match: '' })).toEqual({ kind: 'name', name: 'web' });
    expect(processIdentity('web', { pid_file: '/run/web.pid', match: '' })).toEqual({ kind: 'pid_file', name: 'web', file: '/run/web.pid' });
    expect(processIdentity('web', { pid_file: '', match: 'web\\.py' })).toEqual({ kind: 'match', name: 'web', pattern: /web\.py/, source: 'web\\.py' });
  });

  it('says what an instance is', () => {
    expect(describeIdentity({ kind: 'name', name: 'web' })).toBe('process named exactly web');
    expect(describeIdentity({ kind: 'pid_file', name: 'web', file: '/run/web.pid' })).toBe('process whose PID is in /run/web.pid');
    expect(describeIdentity({ kind: 'match', name: 'web', pattern: /w/, source: 'w' })).toBe('process whose command line matches /w/');
  });
});
