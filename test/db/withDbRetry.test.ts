// withDbRetry's logging decisions, with a stand-in operation and a recording logger:
// a write conflict (1213) is retried quietly, a real failure is an ERROR then WARNINGs.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/createLogger.js';
import { withDbRetry } from '../../src/db/withDbRetry.js';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, error: at('ERROR'), warning: at('WARNING'), info: at('INFO'), debug: at('DEBUG'), close: () => Promise.resolve() };
}

function failingTimes(error: Error, times: number): () => Promise<string> {
  let calls = 0;
  return () => (++calls <= times ? Promise.reject(error) : Promise.resolve('done'));
}

const options = (log: Logger) => ({ log, maxDelayMs: 10, signal: new AbortController().signal, what: 'claim alarm' });

describe('withDbRetry', () => {
  it('retries a certification conflict (1213) without an ERROR, a WARNING or a "restored" line', async () => {
    const log = recordingLog();
    const conflict = Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' });
    await expect(withDbRetry(failingTimes(conflict, 2), options(log))).resolves.toBe('done');
    expect(log.lines.filter((line) => !line.startsWith('DEBUG'))).toEqual([]);
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]).toMatch(/^DEBUG claim alarm: write conflict with another session or cluster node \(ER_LOCK_DEADLOCK/);
  });

  it('reports a lost connection as an outage, then its recovery', async () => {
    const log = recordingLog();
    const lost = Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    await expect(withDbRetry(failingTimes(lost, 2), options(log))).resolves.toBe('done');
    expect(log.lines[0]).toMatch(/^ERROR Database error: claim alarm: PROTOCOL_CONNECTION_LOST/);
    expect(log.lines[1]).toMatch(/^WARNING Database unavailable \(attempt 2\)/);
    expect(log.lines[2]).toBe('INFO Database connection restored');
  });
});
