import { describe, expect, it } from 'vitest';
import { parseSvStatus } from '../../../../src/restart/strategies/serviceDir/parseSvStatus.js';
import { SV_RESTART, SV_STATUS } from './capturedOutputs.js';

describe('parseSvStatus (runit)', () => {
  it('reads a running service: pid, seconds, flags', () => {
    expect(parseSvStatus(SV_STATUS.up, '/tmp/cap/rn/up')).toEqual({ kind: 'up', pid: 4068, seconds: 10, flags: [], words: SV_STATUS.up });
    expect(parseSvStatus(SV_STATUS.upNormallyDown, '/tmp/cap/rn/ndup')).toMatchObject({ kind: 'up', pid: 4418, seconds: 8, flags: ['normally down'] });
    expect(parseSvStatus(SV_STATUS.paused, '/tmp/cap/rn/paused')).toMatchObject({ kind: 'up', flags: ['paused'] });
    expect(parseSvStatus(SV_STATUS.stubborn, '/tmp/cap/rn/stubborn')).toMatchObject({ kind: 'up', pid: 4058, flags: ['want down', 'got TERM'] });
  });

  it("reads the service's own state, not its log service's", () => {
    expect(parseSvStatus(SV_STATUS.withLog, '/tmp/cap/rn/withlog')).toEqual({ kind: 'up', pid: 4089, seconds: 9, flags: [], words: SV_STATUS.withLog });
  });

  it('reads down, and finish (./finish runs: the service is down)', () => {
    expect(parseSvStatus(SV_STATUS.stopped, '/tmp/cap/rn/stopped')).toMatchObject({ kind: 'down', seconds: 8, flags: ['normally up'] });
    expect(parseSvStatus(SV_STATUS.crash, '/tmp/cap/rn/crash')).toMatchObject({ kind: 'down', seconds: 0, flags: ['normally up', 'want up'] });
    expect(parseSvStatus(SV_STATUS.normallyDown, '/tmp/cap/rn/nd')).toMatchObject({ kind: 'down', flags: [] });
    expect(parseSvStatus(SV_STATUS.finishing, '/tmp/cap/rn/fin')).toMatchObject({ kind: 'down', seconds: 9, flags: ['finishing', 'want down'] });
  });

  it('tells no runsv (never ran, or gone) from no such directory', () => {
    expect(parseSvStatus(SV_STATUS.never, '/tmp/cap/rn-none/never')).toEqual({ kind: 'unsupervised', words: SV_STATUS.never });
    expect(parseSvStatus(SV_STATUS.gone, '/tmp/cap/gone/rn/gone')).toEqual({ kind: 'unsupervised', words: SV_STATUS.gone });
    expect(parseSvStatus(SV_STATUS.missing, '/tmp/cap/rn/missing')).toEqual({ kind: 'missing', words: SV_STATUS.missing });
  });

  it('reads what sv restart prints after "ok:" or "timeout:" as unreadable status (it is not sv status)', () => {
    expect(parseSvStatus(SV_RESTART.up.output, '/tmp/cap/rn/up').kind).toBe('unreadable');
  });

  it("keeps other lines, and another directory's, as unreadable", () => {
    expect(parseSvStatus('run: /tmp/other: (pid 1) 5s', '/tmp/cap/rn/up').kind).toBe('unreadable');
    expect(parseSvStatus('warning: /x: unable to open supervise/ok: access denied', '/x')).toEqual({
      kind: 'unreadable',
      words: 'warning: /x: unable to open supervise/ok: access denied',
    });
    expect(parseSvStatus('', '/x')).toEqual({ kind: 'unreadable', words: '(no output)' });
  });
});
