import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUntrustedPath, untrustedReason } from '../../src/fs/findUntrustedPath.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('untrustedReason', () => {
  it('accepts root-owned entries writable by root alone', () => {
    expect(untrustedReason({ uid: 0, mode: 0o40755, isDirectory: true }, 'holder')).toBeUndefined();
  });

  it('names the owner or the mode that lets others change an entry', () => {
    expect(untrustedReason({ uid: 65534, mode: 0o40755, isDirectory: true }, 'target')).toBe('owned by uid 65534, not root');
    expect(untrustedReason({ uid: 0, mode: 0o40777, isDirectory: true }, 'target')).toBe('writable by group or others (mode 0777)');
  });

  it('accepts a sticky world-writable directory only further up', () => {
    expect(untrustedReason({ uid: 0, mode: 0o41777, isDirectory: true }, 'ancestor')).toBeUndefined();
    expect(untrustedReason({ uid: 0, mode: 0o41777, isDirectory: true }, 'holder')).toMatch(/mode 1777/);
  });
});

// Real directories under /tmp (sticky, mode 1777); the tests run as root.
describe('findUntrustedPath', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('monitor-untrusted-');
  });
  afterEach(() => removeTempDir(dir));

  it('accepts a root-only directory in a sticky /tmp: nobody else can rename it away', () => {
    expect(findUntrustedPath(dir)).toBeUndefined();
  });

  it('refuses a file directly in a sticky /tmp: others could have planted that name', () => {
    writeFileSync(path.join(dir, 'f'), '');
    expect(findUntrustedPath(path.join(dir, 'f'))).toBeUndefined();
    chmodSync(dir, 0o1777);
    expect(findUntrustedPath(path.join(dir, 'f'))).toBe(`${path.join(dir, 'f')}: its directory ${dir} is writable by group or others (mode 1777)`);
  });

  it('refuses a directory writable by others or owned by someone else', () => {
    const log = path.join(dir, 'log');
    mkdirSync(log);
    chmodSync(log, 0o777);
    expect(findUntrustedPath(log)).toBe(`${log} is writable by group or others (mode 0777)`);
    chmodSync(log, 0o755);
    chownSync(log, 65534, 65534);
    expect(findUntrustedPath(log)).toBe(`${log} is owned by uid 65534, not root`);
  });
});
