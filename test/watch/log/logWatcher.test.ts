// type = log on real files with hostile contents: a 64 MiB line without a
// newline, binary data, then the line that matters. Memory stays bounded,
// each oddity is said once, and the failure line is still found.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_DEFAULTS } from '../../../src/config/builtInDefaults.js';
import { logWatcher, MAX_LINE_BYTES } from '../../../src/watch/log/logWatcher.js';
import { ProblemOnce } from '../../../src/watch/ProblemOnce.js';
import type { Watcher } from '../../../src/watch/Watcher.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

const signal = new AbortController().signal;

describe('log watcher with hostile contents', () => {
  let dir: string;
  let watcher: Watcher | undefined;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await watcher?.close?.();
    await removeTempDir(dir);
  });

  it('reads past a huge line and binary data in bounded memory, says each once, and still finds the failure', async () => {
    const file = path.join(dir, 'app.log');
    writeFileSync(file, '');
    const said: string[] = [];
    watcher = logWatcher(
      'app',
      { ...BUILT_IN_DEFAULTS.watch, type: 'log', file, pattern: 'ERROR:root:Crashing', pattern_expiration: 0 },
      new ProblemOnce((text) => said.push(text)),
    );
    expect(await watcher.check(signal)).toEqual({ failing: false });

    const mib = Buffer.alloc(1024 * 1024, 'A');
    for (let i = 0; i < 64; i += 1) appendFileSync(file, mib); // one 64 MiB line
    appendFileSync(file, '\n');
    appendFileSync(file, Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x00, 0x01, 0x0a]));
    appendFileSync(file, 'x'.repeat(2 * MAX_LINE_BYTES) + '\nERROR:root:Crashing...\n');

    const before = process.memoryUsage().rss;
    let seen = await watcher.check(signal);
    for (let i = 0; i < 10 && !seen.failing; i += 1) seen = await watcher.check(signal); // 16 MiB per check
    expect(seen).toEqual({ failing: true, evidence: `line in ${file} matches /ERROR:root:Crashing/: ERROR:root:Crashing...` });
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
    expect(said).toEqual([
      `${file} grows faster than 16777216 bytes per check: reading falls behind (shorten watch_interval)`,
      `${file} has a line longer than 65536 bytes: only its first 65536 bytes are matched`,
      `${file} holds binary data (NUL bytes): it is matched as text`,
    ]);
  });
});
