// Pid files as they are found on real systems: a PID and a newline, or not quite.
import { execFileSync } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePidText, PID_MAX, readPidFile } from '../../src/process/pidFile.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('parsePidText', () => {
  it('reads the PID on the first line, with or without a newline, spaces trimmed', () => {
    expect(parsePidText('1234\n')).toEqual({ pid: 1234 });
    expect(parsePidText(' 1234 ')).toEqual({ pid: 1234 });
    expect(parsePidText('1234\nsomething else\n')).toEqual({ pid: 1234 });
    expect(parsePidText(`${PID_MAX}\n`)).toEqual({ pid: PID_MAX });
  });

  it('says why a text holds no PID', () => {
    expect(parsePidText('')).toEqual({ reason: 'is empty' });
    expect(parsePidText('\n')).toEqual({ reason: 'is empty' });
    expect(parsePidText('0\n')).toEqual({ reason: 'does not hold a PID (first line "0")' });
    expect(parsePidText('-1\n')).toEqual({ reason: 'does not hold a PID (first line "-1")' });
    expect(parsePidText(`${PID_MAX + 1}\n`)).toEqual({ reason: `does not hold a PID (first line "${PID_MAX + 1}")` });
    expect(parsePidText('12 34\n')).toEqual({ reason: 'does not hold a PID (first line "12 34")' });
    expect(parsePidText('1e3\n')).toEqual({ reason: 'does not hold a PID (first line "1e3")' });
  });
});

describe('readPidFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('monitor-pidfile-');
  });
  afterAll(async () => {
    await removeTempDir(dir);
  });

  it('gives the PID and when the file was last written', () => {
    const file = path.join(dir, 'good.pid');
    writeFileSync(file, '4242\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(readPidFile(file)).toEqual({ ok: true, pid: 4242, writtenAtMs: 1_700_000_000_000 });
  });

  it('says when there is no pid file', () => {
    const file = path.join(dir, 'none.pid');
    expect(readPidFile(file)).toEqual({ ok: false, missing: true, reason: `no pid file ${file}` });
  });

  it('names a pid file that holds no PID', () => {
    const file = path.join(dir, 'garbage.pid');
    writeFileSync(file, 'nginx is running\n');
    expect(readPidFile(file)).toEqual({ ok: false, missing: false, reason: `pid file ${file} does not hold a PID (first line "nginx is running")` });
  });

  it('never blocks on a FIFO planted as the pid file, and refuses a directory', () => {
    const fifo = path.join(dir, 'fifo.pid');
    execFileSync('mkfifo', [fifo]);
    expect(readPidFile(fifo)).toEqual({ ok: false, missing: false, reason: `pid file ${fifo} is not a regular file` });
    expect(readPidFile(dir)).toEqual({ ok: false, missing: false, reason: `pid file ${dir} is not a regular file` });
  });

  it('reads only the first bytes of a huge file', () => {
    const file = path.join(dir, 'huge.pid');
    writeFileSync(file, `77\n${'x'.repeat(10_000_000)}`);
    expect(readPidFile(file)).toMatchObject({ ok: true, pid: 77 });
  });
});
