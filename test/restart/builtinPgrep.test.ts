// The in-process `pgrep %s` must answer exactly what the real pgrep answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPgrep, isDefaultPgrepCheck } from '../../src/restart/builtinPgrep.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

const realPgrep = (pattern: string): boolean => spawnSync('pgrep', [pattern]).status === 0;

describe('builtinPgrep', () => {
  let dir: string;
  let child: ChildProcess;

  beforeAll(async () => {
    dir = await makeTempDir();
    // A name longer than 15 characters: the kernel keeps "bltnpgrep_longn".
    const binary = path.join(dir, 'bltnpgrep_longname');
    copyFileSync('/bin/sleep', binary);
    chmodSync(binary, 0o755);
    child = spawn(binary, ['60'], { stdio: 'ignore' });
    await waitFor(() => realPgrep('bltnpgrep_longn'), { what: 'the test process to be visible' });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await removeTempDir(dir);
  });

  const patterns = ['bltnpgrep_longn', 'bltnpgrep', 'ltnpgrep_', 'bltn.grep', 'bltnp+grep', 'no_such_process_x', 'bltnpgrepX'];
  for (const pattern of patterns) {
    it(`answers like pgrep for ${pattern}`, async () => {
      expect(await builtinPgrep(pattern)).toBe(realPgrep(pattern));
    });
  }

  // pgrep compares 15 characters, so it finds nothing for a longer name (and says so on
  // stderr); the built-in check compares the full name instead, exactly.
  it('matches a name longer than 15 characters by the full name, where pgrep finds nothing', async () => {
    expect(realPgrep('bltnpgrep_longname')).toBe(false);
    expect(await builtinPgrep('bltnpgrep_longname')).toBe(true);
    expect(await builtinPgrep('bltnpgrep_longnamX')).toBe(false);
    expect(await builtinPgrep('bltnpgrep_longnam')).toBe(false);
    expect(await builtinPgrep('bltnpgrep_long.ame')).toBe(false);
  });

  it('does not count a zombie (exited, not yet reaped) as a running process', async () => {
    const binary = path.join(dir, 'bltnzombie');
    copyFileSync('/bin/sleep', binary);
    chmodSync(binary, 0o755);
    // bltnzombie is the child of a process that never reaps it.
    const parent = spawn('/bin/sh', ['-c', `${binary} 600 & exec /bin/sleep 601`], { stdio: 'ignore' });
    try {
      const zombie = Number(await waitFor(() => readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim(), { what: 'the child' }));
      await waitFor(() => realPgrep('bltnzombie'), { what: 'the child to run' });
      expect(await builtinPgrep('bltnzombie')).toBe(true);
      process.kill(zombie, 'SIGKILL');
      await waitFor(() => readFileSync(`/proc/${zombie}/stat`, 'utf8'), { what: 'a zombie', until: (stat) => / Z /.test(stat) });
      expect(realPgrep('bltnzombie')).toBe(true); // pgrep itself still lists it
      expect(await builtinPgrep('bltnzombie')).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  // The health check after a launch looks at the launched PID first: the answer stays pgrep's.
  for (const pattern of [...patterns, 'bltnpgrep_longname', 'bltnpgrep_longnamX']) {
    it(`answers the same for ${pattern} when told to look at a PID first`, async () => {
      const unrelated = spawn('/bin/sleep', ['60'], { stdio: 'ignore' });
      try {
        const looks = [[child.pid ?? 0], [unrelated.pid ?? 0], [999_999_999]];
        for (const firstLook of looks) expect(await builtinPgrep(pattern, firstLook)).toBe(await builtinPgrep(pattern));
      } finally {
        unrelated.kill('SIGKILL');
      }
    });
  }

  it('declines a pattern JavaScript cannot read, so the real pgrep runs', async () => {
    expect(await builtinPgrep('a++')).toBeUndefined();
  });

  it('recognises only the default command', () => {
    expect(isDefaultPgrepCheck('pgrep %s')).toBe(true);
    expect(isDefaultPgrepCheck('  pgrep   %s ')).toBe(true);
    expect(isDefaultPgrepCheck('pgrep -x %s')).toBe(false);
    expect(isDefaultPgrepCheck('/usr/bin/pgrep %s')).toBe(false);
  });
});
