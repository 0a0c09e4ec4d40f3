import { describe, expect, it } from 'vitest';
import { parseS6Svstat } from '../../../../src/restart/strategies/serviceDir/parseS6Svstat.js';
import { S6_SVSTAT } from './capturedOutputs.js';

describe('parseS6Svstat', () => {
  it('reads an up service: pid, seconds, flags', () => {
    expect(parseS6Svstat(S6_SVSTAT.up)).toEqual({ kind: 'up', pid: 3851, seconds: 10, flags: [], words: S6_SVSTAT.up });
    expect(parseS6Svstat(S6_SVSTAT.upNormallyDown)).toMatchObject({ kind: 'up', pid: 4417, seconds: 7, flags: ['normally down'] });
    expect(parseS6Svstat(S6_SVSTAT.paused)).toMatchObject({ kind: 'up', pid: 3874, flags: ['paused'] });
    expect(parseS6Svstat(S6_SVSTAT.stubborn)).toMatchObject({ kind: 'up', pid: 3839, flags: ['want down'] });
  });

  it('reads the "(pid N pgid N)" form of newer s6', () => {
    expect(parseS6Svstat('up (pid 1234 pgid 1234) 5 seconds, ready 5 seconds')).toMatchObject({
      kind: 'up',
      pid: 1234,
      seconds: 5,
      flags: ['ready 5 seconds'],
    });
  });

  it('reads down with its exit code or signal, and the flags', () => {
    expect(parseS6Svstat(S6_SVSTAT.crash)).toEqual({
      kind: 'down',
      seconds: 0,
      flags: ['normally up', 'want up', 'ready 0 seconds'],
      words: S6_SVSTAT.crash,
    });
    expect(parseS6Svstat(S6_SVSTAT.stopped)).toMatchObject({ kind: 'down', seconds: 7, flags: ['normally up', 'ready 7 seconds'] });
    expect(parseS6Svstat(S6_SVSTAT.normallyDown)).toMatchObject({ kind: 'down', seconds: 10, flags: ['ready 10 seconds'] });
  });

  it('reads "s6-supervise not running" (never ran, or gone) as unsupervised', () => {
    expect(parseS6Svstat(S6_SVSTAT.never)).toEqual({ kind: 'unsupervised', words: S6_SVSTAT.never });
    expect(parseS6Svstat(S6_SVSTAT.gone)).toEqual({ kind: 'unsupervised', words: S6_SVSTAT.gone });
  });

  it('keeps anything else as unreadable', () => {
    expect(parseS6Svstat('s6-svstat: fatal: unable to read status for /x: Permission denied').kind).toBe('unreadable');
    expect(parseS6Svstat('')).toEqual({ kind: 'unreadable', words: '(no output)' });
  });
});
