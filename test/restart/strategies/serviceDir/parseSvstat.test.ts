import { describe, expect, it } from 'vitest';
import { parseSvstat } from '../../../../src/restart/strategies/serviceDir/parseSvstat.js';
import { SVSTAT } from './capturedOutputs.js';

describe('parseSvstat (daemontools)', () => {
  it('reads an up service: pid, seconds, and the flags after it', () => {
    expect(parseSvstat(SVSTAT.up, '/tmp/cap/dt/up')).toEqual({ kind: 'up', pid: 3834, seconds: 11, flags: [], words: 'up (pid 3834) 11 seconds' });
    expect(parseSvstat(SVSTAT.upNormallyDown, '/tmp/cap/dt/ndup')).toMatchObject({ kind: 'up', pid: 4416, seconds: 8, flags: ['normally down'] });
    expect(parseSvstat(SVSTAT.paused, '/tmp/cap/dt/paused')).toMatchObject({ kind: 'up', pid: 3860, flags: ['paused'] });
    expect(parseSvstat(SVSTAT.stubborn, '/tmp/cap/dt/stubborn')).toMatchObject({ kind: 'up', pid: 3833, flags: ['want down'] });
    expect(parseSvstat(SVSTAT.crash, '/tmp/cap/dt/crash')).toMatchObject({ kind: 'up', pid: 5683, seconds: 1 });
  });

  it('reads a down service with its flags', () => {
    expect(parseSvstat(SVSTAT.stopped, '/tmp/cap/dt/stopped')).toEqual({
      kind: 'down',
      seconds: 8,
      flags: ['normally up'],
      words: 'down 8 seconds, normally up',
    });
    expect(parseSvstat(SVSTAT.normallyDown, '/tmp/cap/dt/nd')).toMatchObject({ kind: 'down', seconds: 11, flags: [] });
    expect(parseSvstat('/x/y: down 0 seconds, normally up, want up', '/x/y')).toMatchObject({ kind: 'down', flags: ['normally up', 'want up'] });
  });

  it('tells "no supervise" (never ran, or gone) from "no such directory", though svstat exits 0 for all', () => {
    expect(parseSvstat(SVSTAT.never, '/tmp/cap/dt-none/never')).toEqual({ kind: 'unsupervised', words: 'unable to open supervise/ok: file does not exist' });
    expect(parseSvstat(SVSTAT.gone, '/tmp/cap/gone/dt/gone')).toEqual({ kind: 'unsupervised', words: 'supervise not running' });
    expect(parseSvstat(SVSTAT.missing, '/tmp/cap/dt/missing')).toEqual({ kind: 'missing', words: 'unable to chdir: file does not exist' });
  });

  it('keeps anything else as unreadable, in svstat words', () => {
    expect(parseSvstat('/x/y: unable to open supervise/ok: access denied', '/x/y')).toEqual({
      kind: 'unreadable',
      words: 'unable to open supervise/ok: access denied',
    });
    expect(parseSvstat('', '/x/y')).toEqual({ kind: 'unreadable', words: '(no output)' });
    // Another directory's line is not this one's state.
    expect(parseSvstat('/x/other: up (pid 1) 5 seconds', '/x/y').kind).toBe('unreadable');
  });

  it('reads a directory whose name holds a colon', () => {
    expect(parseSvstat('/svc/a:b: up (pid 42) 3 seconds', '/svc/a:b')).toMatchObject({ kind: 'up', pid: 42, seconds: 3 });
  });
});
