import { describe, expect, it } from 'vitest';
import { daemontools } from '../../../../src/restart/strategies/daemontoolsStrategy.js';
import { runit } from '../../../../src/restart/strategies/runitStrategy.js';
import { s6 } from '../../../../src/restart/strategies/s6Strategy.js';
import { parseS6Svstat } from '../../../../src/restart/strategies/serviceDir/parseS6Svstat.js';
import { parseSvStatus } from '../../../../src/restart/strategies/serviceDir/parseSvStatus.js';
import { parseSvstat } from '../../../../src/restart/strategies/serviceDir/parseSvstat.js';
import { whyNotRestart } from '../../../../src/restart/strategies/serviceDir/whyNotRestart.js';
import { S6_SVSTAT, SV_STATUS, SVSTAT } from './capturedOutputs.js';

describe('whyNotRestart', () => {
  it('sends the restart to a running service, and to a crashing one its supervisor wants up', () => {
    expect(whyNotRestart(daemontools, parseSvstat(SVSTAT.up, '/tmp/cap/dt/up'), '/tmp/cap/dt/up', '/tmp/cap/dt')).toBeUndefined();
    expect(whyNotRestart(daemontools, parseSvstat('/s/x: down 0 seconds, normally up, want up', '/s/x'), '/s/x', '/s')).toBeUndefined();
    expect(whyNotRestart(s6, parseS6Svstat(S6_SVSTAT.crash), '/s/x', '/s')).toBeUndefined();
    expect(whyNotRestart(runit, parseSvStatus(SV_STATUS.crash, '/tmp/cap/rn/crash'), '/tmp/cap/rn/crash', '/tmp/cap/rn')).toBeUndefined();
  });

  it('does not overrule svc -d / s6-svc -d or a ./down file, and says what would start it', () => {
    expect(whyNotRestart(daemontools, parseSvstat(SVSTAT.stopped, '/tmp/cap/dt/stopped'), '/tmp/cap/dt/stopped', '/tmp/cap/dt')).toBe(
      'stopped on purpose: svc -t restarts only a running service, and the agent does not start one that was stopped; svc -u /tmp/cap/dt/stopped does',
    );
    expect(whyNotRestart(daemontools, parseSvstat(SVSTAT.normallyDown, '/tmp/cap/dt/nd'), '/tmp/cap/dt/nd', '/tmp/cap/dt')).toMatch(/^stopped on purpose/);
    expect(whyNotRestart(s6, parseS6Svstat(S6_SVSTAT.stopped), '/s/x', '/s')).toMatch(/s6-svc -r restarts only a running service.*s6-svc -u \/s\/x does$/);
  });

  it('does not resume a paused service (svc -t, s6-svc -r would not reach it)', () => {
    expect(whyNotRestart(daemontools, parseSvstat(SVSTAT.paused, '/tmp/cap/dt/paused'), '/tmp/cap/dt/paused', '/tmp/cap/dt')).toBe(
      'paused on purpose: svc -t does not restart a paused process, and the agent does not resume it; svc -c /tmp/cap/dt/paused does',
    );
    expect(whyNotRestart(s6, parseS6Svstat(S6_SVSTAT.paused), '/s/x', '/s')).toMatch(/^paused on purpose: s6-svc -r/);
  });

  it("lets runit's sv restart (term, cont, up) bring back a stopped or paused service, as sv(8) says it does", () => {
    expect(whyNotRestart(runit, parseSvStatus(SV_STATUS.stopped, '/tmp/cap/rn/stopped'), '/tmp/cap/rn/stopped', '/tmp/cap/rn')).toBeUndefined();
    expect(whyNotRestart(runit, parseSvStatus(SV_STATUS.paused, '/tmp/cap/rn/paused'), '/tmp/cap/rn/paused', '/tmp/cap/rn')).toBeUndefined();
  });

  it('says that no supervisor runs for the directory, naming the scanner to look at', () => {
    expect(whyNotRestart(daemontools, parseSvstat(SVSTAT.never, '/tmp/cap/dt-none/never'), '/tmp/cap/dt-none/never', '/tmp/cap/dt-none')).toBe(
      'no supervise runs for /tmp/cap/dt-none/never (is svscan running on /tmp/cap/dt-none?)',
    );
    expect(whyNotRestart(runit, parseSvStatus(SV_STATUS.gone, '/tmp/cap/gone/rn/gone'), '/tmp/cap/gone/rn/gone', '/tmp/cap/gone/rn')).toBe(
      'no runsv runs for /tmp/cap/gone/rn/gone (is runsvdir running on /tmp/cap/gone/rn?)',
    );
    expect(whyNotRestart(s6, parseS6Svstat(S6_SVSTAT.gone), '/tmp/cap/gone/s6/gone', '/tmp/cap/gone/s6')).toBe(
      'no s6-supervise runs for /tmp/cap/gone/s6/gone (is s6-svscan running on /tmp/cap/gone/s6?)',
    );
  });

  it('sends nothing to a missing directory or one whose state cannot be read', () => {
    expect(whyNotRestart(daemontools, parseSvstat(SVSTAT.missing, '/tmp/cap/dt/missing'), '/tmp/cap/dt/missing', '/tmp/cap/dt')).toBe(
      'no service directory /tmp/cap/dt/missing',
    );
    expect(whyNotRestart(runit, { kind: 'unreadable', words: 'x' }, '/s/x', '/s')).toBe('its state cannot be read');
  });
});
