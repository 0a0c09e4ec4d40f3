import { describe, expect, it } from 'vitest';
import { serviceUnitName } from '../../../src/restart/strategies/serviceUnitName.js';

describe('serviceUnitName', () => {
  it('reads a bare name as NAME.service, as systemctl does', () => {
    expect(serviceUnitName('apache2')).toEqual({ ok: true, unit: 'apache2.service' });
    expect(serviceUnitName('getty@tty1')).toEqual({ ok: true, unit: 'getty@tty1.service' });
  });

  it('gives .service to a suffix that is not a unit type', () => {
    expect(serviceUnitName('php-fpm7.4')).toEqual({ ok: true, unit: 'php-fpm7.4.service' });
    expect(serviceUnitName('app.Target')).toEqual({ ok: true, unit: 'app.Target.service' });
  });

  it('keeps NAME.service', () => {
    expect(serviceUnitName('nginx.service')).toEqual({ ok: true, unit: 'nginx.service' });
  });

  const otherTypes = ['target', 'slice', 'mount', 'socket', 'timer', 'path', 'swap', 'automount', 'device', 'scope'];
  for (const type of otherTypes) {
    it(`refuses a .${type} unit`, () => {
      const check = serviceUnitName(`thing.${type}`);
      expect(check.ok).toBe(false);
      if (!check.ok)
        expect(check.reason).toBe(
          `thing.${type} is a systemd .${type} unit, not a service; the agent restarts only service units (restart_strategy service and auto)`,
        );
    });
  }

  for (const name of [
    'reboot.target',
    'poweroff.target',
    'halt.target',
    'exit.target',
    'kexec.target',
    'rescue.target',
    'emergency.target',
    'a.service.target',
  ]) {
    it(`refuses ${name}`, () => {
      expect(serviceUnitName(name).ok).toBe(false);
    });
  }

  it("refuses the agent's own unit, by bare name or in full", () => {
    const own = ['user@0.service', 'monitor_service.service'];
    for (const name of ['monitor_service', 'monitor_service.service', 'user@0']) {
      const check = serviceUnitName(name, own);
      expect(check.ok, name).toBe(false);
      if (!check.ok) expect(check.reason).toMatch(/is the systemd unit the agent itself runs in/);
    }
    expect(serviceUnitName('apache2', own).ok).toBe(true);
  });
});
