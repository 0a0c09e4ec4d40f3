import { describe, expect, it } from 'vitest';
import { serviceDirOf, servicePath } from '../../../../src/restart/strategies/serviceDir/servicePath.js';

describe('serviceDirOf', () => {
  it("uses the manager's usual directory when service_dir is empty", () => {
    expect(serviceDirOf('', '/etc/service')).toBe('/etc/service');
    expect(serviceDirOf('', '/run/service')).toBe('/run/service');
  });

  it('uses the configured one, without trailing slashes', () => {
    expect(serviceDirOf('/var/svc.d/', '/etc/service')).toBe('/var/svc.d');
    expect(serviceDirOf('/', '/etc/service')).toBe('/');
  });
});

describe('servicePath', () => {
  it('is the directory NAME directly inside service_dir', () => {
    expect(servicePath('/etc/service', 'nginx')).toEqual({ ok: true, path: '/etc/service/nginx' });
    expect(servicePath('/etc/service', 'getty@tty1')).toEqual({ ok: true, path: '/etc/service/getty@tty1' });
    expect(servicePath('/', 'x')).toEqual({ ok: true, path: '/x' });
  });

  it.each(['../etc', 'a/b', '/etc/passwd', '.', '..', '.s6-svscan', '', 'a\0b'])('refuses %j, which would not stay inside service_dir', (name) => {
    const result = servicePath('/etc/service', name);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringContaining('/etc/service') as unknown });
  });

  it('refuses a relative service_dir', () => {
    expect(servicePath('etc/service', 'x')).toEqual({ ok: false, reason: 'service_dir "etc/service" is not an absolute path' });
  });
});
