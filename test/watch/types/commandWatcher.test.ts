// type = command with real commands: lines of a long-running command matched
// as they come; a command that exits is started again (said once); one that
// floods its output is read at a bounded rate (said once); stopping the watch
// kills the command's whole process group.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../../src/config/builtInDefaults.js';
import type { WatchSettings } from '../../../src/config/types.js';
import { ProblemOnce } from '../../../src/watch/ProblemOnce.js';
import { commandWatcher } from '../../../src/watch/types/commandWatcher.js';
import type { Watcher } from '../../../src/watch/Watcher.js';
import { isGone } from '../../support/processes.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

const signal = new AbortController().signal;

describe('command watcher', () => {
  let dir: string;
  let watcher: Watcher | undefined;
  let said: string[];
  beforeEach(async () => {
    dir = await makeTempDir();
    said = [];
  });
  afterEach(async () => {
    await watcher?.close?.();
    await removeTempDir(dir);
  });

  const start = (command: string, pattern: string, extra: Partial<WatchSettings> = {}) => {
    const settings: WatchSettings = { ...BUILT_IN_DEFAULTS.watch, type: 'command', command, pattern, pattern_expiration: 0, ...extra };
    watcher = commandWatcher('app', settings, new ProblemOnce((text) => said.push(text)));
    return watcher;
  };

  it('fails on an output line that matches, with the line as evidence', async () => {
    const flag = path.join(dir, 'die');
    const w = start(
      `while [ ! -e ${flag} ]; do sleep 0.05; done; echo "2026 container die (image=crasher-docker-image)"; exec sleep 1000`,
      'container die.*image=crasher',
    );
    expect(await w.check(signal)).toEqual({ failing: false });
    writeFileSync(flag, '');
    const seen = await waitFor(() => w.check(signal), { what: 'the die line', until: (o) => o.failing });
    expect(seen).toEqual({
      failing: true,
      evidence: 'line of the command output matches /container die.*image=crasher/: 2026 container die (image=crasher-docker-image)',
    });
    expect(await w.check(signal)).toEqual({ failing: false }); // pattern_expiration 0: that check only
  });

  it('starts a command that exits again, and says so once', async () => {
    const counter = path.join(dir, 'runs');
    const w = start(`echo x >> ${counter}; exit 3`, 'never-printed');
    await w.check(signal);
    await waitFor(() => (existsSync(counter) ? readFileSync(counter, 'utf8').split('\n').length - 1 : 0), {
      what: 'two runs',
      until: (n) => n >= 2,
      timeoutMs: 5000,
    });
    expect(said).toEqual(['the command exited with status 3 after 0 s; started again with backoff (next in 1 s)']);
  });

  it('kills a command that ignores SIGTERM before the watch is closed', async () => {
    const pidFile = path.join(dir, 'stubborn');
    const w = start(`trap '' TERM; echo $$ > ${pidFile}; while :; do sleep 0.1; done`, 'never');
    await w.check(signal);
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', { what: 'the command started' });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const closing = w.close?.();
    watcher = undefined;
    expect(await isGone(pid)).toBe(false); // it ignored SIGTERM…
    await closing;
    await waitFor(() => isGone(pid), { what: 'the stubborn command killed', timeoutMs: 500 }); // …and close() did not leave it behind
  });

  it('reads a flooding command at a bounded rate, said once, and kills its group when stopped', async () => {
    const pidFile = path.join(dir, 'pid');
    const w = start(`echo $$ > ${pidFile}; yes 'flood line that never matches'`, 'ERROR');
    const before = process.memoryUsage().rss;
    await w.check(signal);
    await waitFor(() => said.length, { what: 'the flood said', until: (n) => n >= 1, timeoutMs: 5000 });
    for (let i = 0; i < 5; i += 1) expect(await w.check(signal)).toEqual({ failing: false });
    expect(said).toEqual(['the command writes more than 4194304 bytes per second: its output is read no faster']);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await w.close?.();
    watcher = undefined;
    await waitFor(() => isGone(pid), { what: 'the command killed' });
  });
});
