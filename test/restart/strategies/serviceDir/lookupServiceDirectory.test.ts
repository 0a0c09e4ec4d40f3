// Real directories in a private temp dir (tests run as root, so chown works).
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupServiceDirectory, untrustedServiceDirectory } from '../../../../src/restart/strategies/serviceDir/lookupServiceDirectory.js';
import { makeTempDir, removeTempDir } from '../../../support/tempDir.js';

const NOBODY = 65534;

describe('lookupServiceDirectory and untrustedServiceDirectory (real directories)', () => {
  let base: string; // root's, 0700, in sticky /tmp
  let serviceDir: string;
  beforeEach(async () => {
    base = await makeTempDir('monitor-svdir-');
    serviceDir = path.join(base, 'service');
    mkdirSync(serviceDir, { mode: 0o755 });
  });
  afterEach(() => removeTempDir(base));

  function service(at: string, scripts: Record<string, number> = { run: 0o755 }): string {
    mkdirSync(at, { recursive: true, mode: 0o755 });
    for (const [name, mode] of Object.entries(scripts)) {
      writeFileSync(path.join(at, name), '#!/bin/sh\nexec sleep 100\n');
      chmodSync(path.join(at, name), mode);
    }
    return at;
  }

  it('finds a directory, and one a symbolic link in service_dir points at (/etc/service/foo -> /etc/sv/foo)', () => {
    const direct = service(path.join(serviceDir, 'direct'));
    expect(lookupServiceDirectory(direct)).toEqual({ kind: 'found' });
    expect(untrustedServiceDirectory(direct)).toBeUndefined();
    const target = service(path.join(base, 'sv', 'linked'));
    symlinkSync(target, path.join(serviceDir, 'linked'));
    expect(lookupServiceDirectory(path.join(serviceDir, 'linked'))).toEqual({ kind: 'found' });
    expect(untrustedServiceDirectory(path.join(serviceDir, 'linked'))).toBeUndefined();
  });

  it('says what is missing: no directory, a link to nothing, a file', () => {
    expect(lookupServiceDirectory(path.join(serviceDir, 'none'))).toEqual({
      kind: 'missing',
      reason: `no service directory ${serviceDir}/none`,
      nothing: true,
    });
    symlinkSync(path.join(base, 'nowhere'), path.join(serviceDir, 'dangling'));
    expect(lookupServiceDirectory(path.join(serviceDir, 'dangling'))).toEqual({
      kind: 'missing',
      reason: `${serviceDir}/dangling is a symbolic link to nothing (ENOENT)`,
      nothing: false,
    });
    writeFileSync(path.join(serviceDir, 'file'), '');
    expect(lookupServiceDirectory(path.join(serviceDir, 'file'))).toEqual({ kind: 'missing', reason: `${serviceDir}/file is not a directory`, nothing: false });
  });

  it('distrusts a service directory another user owns or others can write', () => {
    const owned = service(path.join(serviceDir, 'owned'));
    chownSync(owned, NOBODY, NOBODY);
    expect(untrustedServiceDirectory(owned)).toBe(`${owned} is owned by uid 65534, not root (mode 0755)`);
    const open = service(path.join(serviceDir, 'open'));
    chmodSync(open, 0o777);
    expect(untrustedServiceDirectory(open)).toBe(`${open} is owned by root but writable by group or others (mode 0777)`);
  });

  it('distrusts a service_dir others can write (they could put their own directory at NAME)', () => {
    const at = service(path.join(serviceDir, 'x'));
    chmodSync(serviceDir, 0o777);
    expect(untrustedServiceDirectory(at)).toBe(`${at}: its directory ${serviceDir} is owned by root but writable by group or others (mode 0777)`);
  });

  it('distrusts a run, finish or check script someone else could change: it chooses what root runs', () => {
    const run = service(path.join(serviceDir, 'run-open'), { run: 0o777 });
    expect(untrustedServiceDirectory(run)).toBe(`${run}/run is owned by root but writable by group or others (mode 0777)`);
    const finish = service(path.join(serviceDir, 'finish-owned'), { run: 0o755, finish: 0o755 });
    chownSync(path.join(finish, 'finish'), NOBODY, NOBODY);
    expect(untrustedServiceDirectory(finish)).toBe(`${finish}/finish is owned by uid 65534, not root (mode 0755)`);
    const check = service(path.join(serviceDir, 'check-open'), { run: 0o755, check: 0o775 });
    expect(untrustedServiceDirectory(check)).toMatch(/check is owned by root but writable by group or others \(mode 0775\)$/);
  });

  it("follows a link and judges its target, and the target's directories", () => {
    const userDir = path.join(base, 'home');
    mkdirSync(userDir, { mode: 0o755 });
    chownSync(userDir, NOBODY, NOBODY);
    const target = service(path.join(userDir, 'evil'));
    symlinkSync(target, path.join(serviceDir, 'planted'));
    expect(untrustedServiceDirectory(path.join(serviceDir, 'planted'))).toBe(
      `${serviceDir}/planted: its directory ${userDir} is owned by uid 65534, not root (mode 0755)`,
    );
  });
});
