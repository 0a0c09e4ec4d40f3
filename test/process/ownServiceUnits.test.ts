import { describe, expect, it } from 'vitest';
import { serviceUnitsInCgroup } from '../../src/process/ownServiceUnits.js';

describe('serviceUnitsInCgroup', () => {
  it('finds the unit of a system service (cgroup v2)', () => {
    expect(serviceUnitsInCgroup('0::/system.slice/monitor_service.service\n')).toEqual(['monitor_service.service']);
  });

  it('finds the user manager above a user unit too: restarting either kills the agent', () => {
    const text = '0::/user.slice/user-0.slice/user@0.service/app.slice/agent.service\n';
    expect(serviceUnitsInCgroup(text)).toEqual(['user@0.service', 'agent.service']);
  });

  it('reads the name=systemd hierarchy of the hybrid layout and ignores other controllers', () => {
    const text = ['4:memory:/weird.service', '1:name=systemd:/system.slice/x.service', '0::/system.slice/x.service'].join('\n');
    expect(serviceUnitsInCgroup(text)).toEqual(['x.service']);
  });

  it('finds nothing outside a service (a login session, a container)', () => {
    expect(serviceUnitsInCgroup('0::/user.slice/user-0.slice/session-3.scope\n')).toEqual([]);
    expect(serviceUnitsInCgroup('0::/\n')).toEqual([]);
  });
});
