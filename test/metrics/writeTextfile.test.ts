import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMetricsTextfile } from '../../src/commands/checkMetricsTextfile.js';
import { findUntrustedPath } from '../../src/fs/findUntrustedPath.js';
import { writeTextfile } from '../../src/metrics/writeTextfile.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('writeTextfile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  it('replaces the file through a temporary file in the same directory, leaving nothing else behind', async () => {
    const file = path.join(dir, 'monitor_service.prom');
    await writeFile(file, 'old\n');
    const before = await stat(file);
    await writeTextfile(file, 'monitor_service_up 1\n', () => undefined);
    expect(await readFile(file, 'utf8')).toBe('monitor_service_up 1\n');
    // A new inode: renamed over the old file, never rewritten in place.
    expect((await stat(file)).ino).not.toBe(before.ino);
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('644');
    expect(await readdir(dir)).toEqual(['monitor_service.prom']);
  });

  it('refuses a directory that the check refuses, and writes nothing', async () => {
    const file = path.join(dir, 'm.prom');
    await expect(writeTextfile(file, 'x\n', () => 'writable by others')).rejects.toThrow('not written: writable by others');
    expect(await readdir(dir)).toEqual([]);
  });

  it('as root, refuses at start a directory that others can write, naming key and value', async () => {
    const file = path.join(dir, 'm.prom');
    expect(checkMetricsTextfile(file, true)).toBeUndefined();
    await chmod(dir, 0o777);
    expect(findUntrustedPath(dir)).toBeDefined();
    expect(checkMetricsTextfile(file, true)).toMatch(
      /^\[metrics\] textfile = ".*m\.prom": expected a directory that only root can change.*writable by group or others/,
    );
    expect(checkMetricsTextfile(path.join(dir, 'missing', 'm.prom'), true)).toMatch(/expected a file in an existing directory .*ENOENT/);
  });
});
