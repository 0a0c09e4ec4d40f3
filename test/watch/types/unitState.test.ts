import { describe, expect, it } from 'vitest';
import { judgeUnit, parseUnitState } from '../../../src/watch/types/unitState.js';

const show = (active: string, sub: string, restarts = '0', load = 'loaded') =>
  parseUnitState(`LoadState=${load}\nActiveState=${active}\nSubState=${sub}\nNRestarts=${restarts}\n`);

describe('judgeUnit', () => {
  it('fails a unit that is failed or inactive', () => {
    expect(judgeUnit('a.service', show('failed', 'failed'), undefined)).toEqual({ kind: 'failing', evidence: 'unit a.service is failed (failed)' });
    expect(judgeUnit('a.service', show('inactive', 'dead'), 0)).toEqual({ kind: 'failing', evidence: 'unit a.service is inactive (dead)' });
  });

  it('passes a unit on its way (activating, reloading) and an active one', () => {
    expect(judgeUnit('a.service', show('activating', 'auto-restart'), undefined).kind).toBe('ok');
    expect(judgeUnit('a.service', show('active', 'running', '3'), 3).kind).toBe('ok');
  });

  it("fails an active unit whose NRestarts grew since the last check (systemd's own restart loop)", () => {
    expect(judgeUnit('a.service', show('active', 'running', '5'), 3)).toEqual({
      kind: 'failing',
      evidence: 'unit a.service was restarted by systemd 2 time(s) since the last check (NRestarts=5; now active (running))',
    });
  });

  it('cannot judge a unit systemd does not have', () => {
    expect(judgeUnit('a.service', show('inactive', 'dead', '0', 'not-found'), undefined)).toEqual({
      kind: 'unknown',
      problem: 'systemd has no unit a.service (LoadState=not-found)',
    });
  });

  it('reads a systemd without NRestarts', () => {
    expect(parseUnitState('LoadState=loaded\nActiveState=active\nSubState=running\n').restarts).toBeUndefined();
  });
});
