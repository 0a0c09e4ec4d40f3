import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { managerOfDirectory, managerOfFiles } from '../../../../src/restart/strategies/serviceDir/managerOfDirectory.js';
import { makeTempDir, removeTempDir } from '../../../support/tempDir.js';

// What each supervisor left in supervise/ on this machine (ls after svscan, runsvdir, s6-svscan).
const DAEMONTOOLS = ['lock', 'ok', 'control', 'status'];
const RUNIT = ['lock', 'ok', 'pid', 'control', 'stat', 'status'];
const S6 = ['lock', 'control', 'status', 'death_tally'];

describe('managerOfFiles', () => {
  it('tells the three apart by the files each supervisor writes', () => {
    expect(managerOfFiles(DAEMONTOOLS, false)).toEqual({ manager: 'daemontools', evidence: 'supervise/status alone' });
    expect(managerOfFiles(RUNIT, false)).toEqual({ manager: 'runit', evidence: 'supervise/stat and supervise/pid' });
    expect(managerOfFiles(S6, true)).toEqual({ manager: 's6', evidence: 'an event/ directory' });
    // s6 before death_tally existed (older versions) still has event/; death_tally alone is s6's too.
    expect(managerOfFiles(['lock', 'control', 'status'], true).manager).toBe('s6');
    expect(managerOfFiles(S6, false)).toEqual({ manager: 's6', evidence: 'supervise/death_tally' });
  });

  it('says nothing has supervised a directory without supervise/ or without a status in it', () => {
    expect(managerOfFiles(undefined, false)).toEqual({ manager: undefined, evidence: 'no supervise/ directory' });
    expect(managerOfFiles([], false)).toEqual({ manager: undefined, evidence: 'a supervise/ directory without a status file' });
  });
});

describe('managerOfDirectory (real directories)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('monitor-svdir-');
  });
  afterEach(() => removeTempDir(dir));

  function service(name: string, supervise: string[] | undefined, event = false): string {
    const at = path.join(dir, name);
    mkdirSync(at);
    if (supervise) mkdirSync(path.join(at, 'supervise'));
    for (const file of supervise ?? []) writeFileSync(path.join(at, 'supervise', file), '');
    if (event) mkdirSync(path.join(at, 'event'));
    return at;
  }

  it('reads supervise/ and event/', () => {
    expect(managerOfDirectory(service('d', DAEMONTOOLS)).manager).toBe('daemontools');
    expect(managerOfDirectory(service('r', RUNIT)).manager).toBe('runit');
    expect(managerOfDirectory(service('s', S6, true)).manager).toBe('s6');
    expect(managerOfDirectory(service('n', undefined))).toEqual({ manager: undefined, evidence: 'no supervise/ directory' });
  });

  it('follows supervise when it is a link (Debian runit: supervise -> /run/runit/supervise.NAME)', () => {
    const real = path.join(dir, 'run-supervise');
    mkdirSync(real);
    for (const file of RUNIT) writeFileSync(path.join(real, file), '');
    const at = service('linked', undefined);
    symlinkSync(real, path.join(at, 'supervise'));
    expect(managerOfDirectory(at).manager).toBe('runit');
  });
});
