// What the README tells administrators to run: `tail -F log_file` (and the guide's
// `tail -f log_file`), with real tail processes, across many 1 KB rotations. Every
// line written must arrive exactly once. The dated files and re-pointed symlink of
// earlier versions lost lines here even when they came seconds apart.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/log/createLogger.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

interface Follower {
  flag: '-F' | '-f';
  child: ChildProcess;
  output: () => string;
}

function follow(flag: '-F' | '-f', file: string): Follower {
  const child = spawn('tail', ['-n', '+1', flag, file], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  return { flag, child, output: () => output };
}

/** How many times each numbered line of `run` reached the follower. */
function arrivals(follower: Follower, run: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const match of follower.output().matchAll(new RegExp(` ${run} (\\d{4}) `, 'g'))) {
    const n = Number(match[1]);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

let dir: string;
let file: string;
let logger: Logger;
let followers: Follower[];

beforeEach(async () => {
  dir = await makeTempDir('monitor-tail-');
  file = path.join(dir, 'monitor_service.log');
  logger = createLogger({ log_file: file, max_log_size: 1, log_files_to_keep: 3, level: 'INFO' }, { console: false });
  logger.info('started');
  followers = [follow('-F', file), follow('-f', file)];
  for (const f of followers) await waitFor(() => f.output().includes('started'), { what: `tail ${f.flag} to print the first line` });
});

afterEach(async () => {
  for (const f of followers) f.child.kill();
  await logger.close();
  await removeTempDir(dir);
});

/** Writes `count` lines of ~120 bytes, `perGroup` at a time (in one go), `pauseMs` between groups. */
async function write(run: string, count: number, perGroup: number, pauseMs: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    logger.info(`${run} ${String(i).padStart(4, '0')} ${'x'.repeat(80)}`);
    if (i % perGroup === perGroup - 1) await sleep(pauseMs);
  }
  logger.info(`${run} done`);
}

/** Waits until every follower printed the closing line, then counts what arrived before it. */
async function expectEveryLineOnce(run: string, count: number): Promise<void> {
  for (const f of followers) {
    await waitFor(() => f.output().includes(`${run} done`), { what: `tail ${f.flag} to print "${run} done"`, timeoutMs: 15_000 }).catch(() => undefined);
  }
  const report = followers.map((f) => {
    const seen = arrivals(f, run);
    const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    const twice = [...seen].filter(([, times]) => times > 1).map(([n]) => n);
    return `tail ${f.flag}: ${count - missing.length} of ${count} lines arrived, ${twice.length} more than once`;
  });
  expect(report).toEqual(followers.map((f) => `tail ${f.flag}: ${count} of ${count} lines arrived, 0 more than once`));
}

describe('following log_file with tail across rotations (max_log_size = 1 KB)', () => {
  it('lines written apart: every line arrives exactly once', async () => {
    await write('apart', 30, 1, 150); // ~4 rotations
    await expectEveryLineOnce('apart', 30);
  });

  it('bursts of lines written at once, across many rotations: every line arrives exactly once', async () => {
    // 34 bursts of 6 lines (~720 bytes each, written at once), ~25 rotations. A burst
    // bigger than the file before rotation (>= max_log_size) could hide a truncation
    // from tail; with the default 5 MB the agent's biggest bursts are far below.
    await write('burst', 204, 6, 30);
    await expectEveryLineOnce('burst', 204);
  });
});
