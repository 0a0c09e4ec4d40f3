import { describe, expect, it } from 'vitest';
import { judgeSupervised } from '../../../src/watch/types/svstatWatcher.js';
import { nextBackoff } from '../../../src/watch/types/commandBackoff.js';

describe('judgeSupervised', () => {
  const up = (seconds: number) => ({ kind: 'up', pid: 12, seconds, flags: [], words: '' }) as const;
  it('fails a service up for less than min_uptime', () => {
    expect(judgeSupervised(up(2), 10, 'svstat: /s/x: up (pid 12) 2 seconds')).toEqual({
      failing: true,
      evidence: 'svstat: /s/x: up (pid 12) 2 seconds: up only 2 s (min_uptime 10 s): restarting again and again',
    });
    expect(judgeSupervised(up(10), 10, 'd')).toEqual({ failing: false });
  });

  it('fails a service down but wanted up; not one stopped on purpose', () => {
    expect(judgeSupervised({ kind: 'down', seconds: 1, flags: ['normally up', 'want up'], words: '' }, 10, 'd')).toEqual({
      failing: true,
      evidence: 'd: down, wanted up',
    });
    expect(judgeSupervised({ kind: 'down', seconds: 1, flags: ['normally up'], words: '' }, 10, 'd')).toEqual({ failing: false });
  });

  it('cannot judge an unsupervised or missing service', () => {
    expect(judgeSupervised({ kind: 'unsupervised', words: 'supervise not running' }, 10, 'd')).toEqual({ problem: 'd' });
  });
});

describe('nextBackoff', () => {
  it('doubles while the command keeps exiting quickly, up to 60 s, and starts over after a long run', () => {
    expect(nextBackoff(undefined, 10)).toBe(1000);
    expect(nextBackoff(1000, 10)).toBe(2000);
    expect(nextBackoff(32_000, 10)).toBe(60_000);
    expect(nextBackoff(60_000, 10)).toBe(60_000);
    expect(nextBackoff(60_000, 60_000)).toBe(1000);
  });
});
