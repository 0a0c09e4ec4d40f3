// Real files and directories in a private temp dir (tests run as root, so chown works).
import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUntrustedPath, untrustedReason } from '../../src/fs/findUntrustedPath.js';
import { walkPath } from '../../src/fs/walkPath.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

const NOBODY = 65534;

describe('untrustedReason', () => {
  const file = (uid: number, mode: number) => ({ uid, mode, isDirectory: false });
  const dir = (uid: number, mode: number) => ({ uid, mode, isDirectory: true });

  it('accepts root-owned entries nobody else can write', () => {
    expect(untrustedReason(file(0, 0o600), 'target')).toBeUndefined();
    expect(untrustedReason(dir(0, 0o755), 'holder')).toBeUndefined();
  });

  it('names the owner and the mode of an entry another user owns', () => {
    expect(untrustedReason(file(NOBODY, 0o600), 'target')).toBe('owned by uid 65534, not root (mode 0600)');
  });

  it('names the mode of an entry group or others can write', () => {
    expect(untrustedReason(file(0, 0o666), 'target')).toBe('owned by root but writable by group or others (mode 0666)');
    expect(untrustedReason(dir(0, 0o775), 'holder')).toMatch(/mode 0775/);
  });

  it('lets a sticky world-writable directory further up pass (/tmp), never as the holder', () => {
    expect(untrustedReason(dir(0, 0o1777), 'ancestor')).toBeUndefined();
    expect(untrustedReason(dir(0, 0o1777), 'holder')).toMatch(/mode 1777/);
    expect(untrustedReason(dir(0, 0o777), 'ancestor')).toMatch(/mode 0777/);
  });
});

describe('findUntrustedPath (real files)', () => {
  let dir: string; // mode 0700, root's, in sticky /tmp
  beforeEach(async () => {
    dir = await makeTempDir('monitor-untrusted-');
  });
  afterEach(() => removeTempDir(dir));

  function file(name: string, mode = 0o600): string {
    const at = path.join(dir, name);
    mkdirSync(path.dirname(at), { recursive: true });
    writeFileSync(at, 'x\n');
    chmodSync(at, mode);
    return at;
  }

  it('trusts a root-owned 0600 file in a root-only directory under /tmp', () => {
    expect(findUntrustedPath(file('config.ini'))).toBeUndefined();
  });

  it('refuses a file writable by others, naming it and its mode', () => {
    const at = file('config.ini', 0o666);
    expect(findUntrustedPath(at)).toBe(`${at} is owned by root but writable by group or others (mode 0666)`);
  });

  it('refuses a file another user owns', () => {
    const at = file('config.ini');
    chownSync(at, NOBODY, NOBODY);
    expect(findUntrustedPath(at)).toBe(`${at} is owned by uid 65534, not root (mode 0600)`);
  });

  it('refuses a file in a directory others can write, naming the directory', () => {
    const at = file('open/secret');
    chmodSync(path.join(dir, 'open'), 0o777);
    expect(findUntrustedPath(at)).toBe(`${at}: its directory ${path.join(dir, 'open')} is owned by root but writable by group or others (mode 0777)`);
  });

  it('refuses a file whose directory is sticky and world-writable (it directly holds the file)', () => {
    const at = file('sticky/secret');
    chmodSync(path.join(dir, 'sticky'), 0o1777);
    expect(findUntrustedPath(at)).toMatch(/its directory .*sticky is owned by root but writable by group or others \(mode 1777/);
  });

  it('judges a directory owned by another user further up', () => {
    const at = file('theirs/mine/config.ini');
    chownSync(path.join(dir, 'theirs'), NOBODY, NOBODY);
    expect(findUntrustedPath(at)).toMatch(/its directory .*theirs is owned by uid 65534/);
  });

  it('judges the target of a symbolic link, not the link', () => {
    const real = file('open/config.ini');
    chmodSync(path.join(dir, 'open'), 0o777);
    const link = path.join(dir, 'link.ini');
    symlinkSync(real, link);
    expect(findUntrustedPath(link)).toMatch(/its directory .*open is owned by root but writable/);
  });

  it('refuses a symbolic link that sits in a directory others can write, even to a root-only file', () => {
    // Whoever can write that directory can point the link at another file.
    const real = file('safe/config.ini');
    mkdirSync(path.join(dir, 'open'));
    chmodSync(path.join(dir, 'open'), 0o777);
    const link = path.join(dir, 'open', 'config.ini');
    symlinkSync(real, link);
    expect(findUntrustedPath(link)).toBe(
      `${link}: ${path.join(dir, 'open')}, which holds a symbolic link on the way to it, is owned by root but writable by group or others (mode 0777)`,
    );
    // A link in a root-only directory to the same file is fine.
    const safeLink = path.join(dir, 'safe-link.ini');
    symlinkSync(real, safeLink);
    expect(findUntrustedPath(safeLink)).toBeUndefined();
  });

  it('does not judge a path that does not exist', () => {
    expect(findUntrustedPath(path.join(dir, 'absent'))).toBeUndefined();
  });
});

describe('walkPath', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('monitor-walk-');
  });
  afterEach(() => removeTempDir(dir));

  it('follows relative and absolute links and .., like realpath, and lists where it looked', () => {
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    mkdirSync(path.join(dir, 'c'));
    writeFileSync(path.join(dir, 'a/b/f'), '');
    symlinkSync('../a/b', path.join(dir, 'c/rel'));
    symlinkSync(path.join(dir, 'c/rel'), path.join(dir, 'abs'));
    const walk = walkPath(`${dir}/abs/../b/./f`); // not path.join: it would fold abs/..
    expect(walk?.real).toBe(path.join(dir, 'a/b/f'));
    expect(walk?.linkHolders.sort()).toEqual([dir, path.join(dir, 'c')].sort());
    expect(walk?.directories).toEqual(expect.arrayContaining(['/', dir, path.join(dir, 'c'), path.join(dir, 'a'), path.join(dir, 'a/b')]));
  });

  it('gives up on a loop and on a missing name', () => {
    symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop'));
    expect(walkPath(path.join(dir, 'loop'))).toBeUndefined();
    expect(walkPath(path.join(dir, 'missing/x'))).toBeUndefined();
  });
});

// Directories (the log directory) under a sticky /tmp; the tests run as root.
describe('findUntrustedPath on a directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('monitor-untrusted-dir-');
  });
  afterEach(() => removeTempDir(dir));

  it('accepts a root-only directory in a sticky /tmp: nobody else can rename it away', () => {
    expect(findUntrustedPath(dir)).toBeUndefined();
  });

  it('refuses a file directly in a sticky world-writable directory: others could have planted that name', () => {
    writeFileSync(path.join(dir, 'f'), '');
    expect(findUntrustedPath(path.join(dir, 'f'))).toBeUndefined();
    chmodSync(dir, 0o1777);
    expect(findUntrustedPath(path.join(dir, 'f'))).toBe(
      `${path.join(dir, 'f')}: its directory ${dir} is owned by root but writable by group or others (mode 1777)`,
    );
  });

  it('refuses a directory writable by others or owned by someone else', () => {
    const log = path.join(dir, 'log');
    mkdirSync(log);
    chmodSync(log, 0o777);
    expect(findUntrustedPath(log)).toBe(`${log} is owned by root but writable by group or others (mode 0777)`);
    chmodSync(log, 0o755);
    chownSync(log, 65534, 65534);
    expect(findUntrustedPath(log)).toBe(`${log} is owned by uid 65534, not root (mode 0755)`);
  });

  it('accepts a root-owned directory its group may write only when asked to (the log directory)', () => {
    const log = path.join(dir, 'glog');
    mkdirSync(log);
    chmodSync(log, 0o775);
    expect(findUntrustedPath(log)).toBe(`${log} is owned by root but writable by group or others (mode 0775)`);
    expect(findUntrustedPath(log, undefined, { groupWritableDirectories: true })).toBeUndefined();
    chmodSync(log, 0o777);
    expect(findUntrustedPath(log, undefined, { groupWritableDirectories: true })).toBe(`${log} is owned by root but writable by group or others (mode 0777)`);
  });
});
