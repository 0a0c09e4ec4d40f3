// tail -F by inode on real files: new lines only, rotation (rename + new
// file), truncation, a file that appears late, a symlink swapped in, and a
// file written faster than the per-check budget. Each problem said once.
import { appendFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileFollower } from '../../../src/watch/log/FileFollower.js';
import type { WatchProblems } from '../../../src/watch/Watcher.js';
import { ProblemOnce } from '../../../src/watch/ProblemOnce.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

function follow(file: string, budgetBytes = 1024 * 1024) {
  const said: string[] = [];
  const problems: WatchProblems = new ProblemOnce((text) => said.push(text));
  let text = '';
  let switches = 0;
  const follower = new FileFollower(
    file,
    problems,
    (chunk) => {
      text += chunk.toString('utf8');
    },
    () => {
      switches += 1;
    },
    { budgetBytes },
  );
  return {
    follower,
    said,
    take: async () => {
      await follower.poll();
      const got = text;
      text = '';
      return got;
    },
    switches: () => switches,
  };
}

describe('FileFollower', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir();
    file = path.join(dir, 'app.log');
  });
  afterEach(async () => removeTempDir(dir));

  it('reads only what is appended after the first poll', async () => {
    writeFileSync(file, 'old line\n');
    const f = follow(file);
    expect(await f.take()).toBe('');
    appendFileSync(file, 'new line\n');
    expect(await f.take()).toBe('new line\n');
    expect(await f.take()).toBe('');
    await f.follower.close();
  });

  it('follows a rotation: the rest of the old file, then the new one from its start', async () => {
    writeFileSync(file, '');
    const f = follow(file);
    await f.take();
    appendFileSync(file, 'a\n');
    renameSync(file, `${file}.1`);
    appendFileSync(`${file}.1`, 'b\n'); // written after the rename, before the writer reopened
    writeFileSync(file, 'c\n');
    expect(await f.take()).toBe('a\nb\nc\n');
    expect(f.switches()).toBe(1);
    await f.follower.close();
  });

  it('starts again from the beginning after a truncation (copytruncate)', async () => {
    writeFileSync(file, 'x'.repeat(100) + '\n');
    const f = follow(file);
    await f.take();
    truncateSync(file, 0);
    appendFileSync(file, 'after\n');
    expect(await f.take()).toBe('after\n');
    await f.follower.close();
  });

  it('waits for a file that does not exist yet (said once), then reads it all', async () => {
    const f = follow(file);
    expect(await f.take()).toBe('');
    expect(await f.take()).toBe('');
    expect(f.said).toEqual([`${file} does not exist (yet): waiting for it`]);
    writeFileSync(file, 'first\n');
    expect(await f.take()).toBe('first\n');
    await f.follower.close();
  });

  it('does not follow a symbolic link swapped in for the file (said once)', async () => {
    writeFileSync(file, '');
    const secret = path.join(dir, 'secret');
    writeFileSync(secret, 'root:x:0:0\n');
    const f = follow(file);
    await f.take();
    rmSync(file);
    symlinkSync(secret, file);
    expect(await f.take()).toBe('');
    expect(await f.take()).toBe('');
    expect(f.said).toEqual([`${file} is a symbolic link: not followed (as root, a link would make the agent read any file); name the file itself`]);
    await f.follower.close();
  });

  it('reads at most its budget per poll, and says once that it falls behind', async () => {
    writeFileSync(file, '');
    const f = follow(file, 1000);
    await f.take();
    appendFileSync(file, 'y'.repeat(2500));
    expect((await f.take()).length).toBe(1000);
    expect((await f.take()).length).toBe(1000);
    expect(f.said).toHaveLength(1);
    expect(f.said[0]).toMatch(/grows faster than 1000 bytes per check/);
    expect((await f.take()).length).toBe(500);
    await f.follower.close();
  });
});
