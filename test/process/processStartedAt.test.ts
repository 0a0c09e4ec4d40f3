import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readProcStat } from '../../src/process/procStat.js';
import { parseBootTime, readBootTimeMs, startedAtMs } from '../../src/process/processStartedAt.js';

describe('process start as wall-clock time', () => {
  it('reads btime from /proc/stat text', () => {
    expect(parseBootTime('cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n')).toBe(1_700_000_000_000);
    expect(parseBootTime('cpu 1\n')).toBeUndefined();
  });

  it('turns ticks since boot into ms since the epoch', () => {
    expect(startedAtMs('12345', 1_700_000_000_000)).toBe(1_700_000_123_450);
  });

  it("puts this test's own process a little before now, never after (btime is cut to the second)", () => {
    const boot = readBootTimeMs();
    expect(boot).toBeDefined();
    const uptimeMs = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
    expect(Math.abs(boot! + uptimeMs - Date.now())).toBeLessThan(1500);
    const started = startedAtMs(readProcStat(process.pid)!.startTime, boot!);
    expect(started).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - started).toBeLessThan(10 * 60_000);
  });
});
