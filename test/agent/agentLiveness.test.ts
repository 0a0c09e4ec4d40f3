import { describe, expect, it } from 'vitest';
import { agentLiveness } from '../../src/agent/agentLiveness.js';
import { formatTimestamp } from '../../src/clock/formatTimestamp.js';

const now = new Date('2024-05-01T12:00:00Z');
const ago = (seconds: number): Date => new Date(now.getTime() - seconds * 1000);

describe('agentLiveness', () => {
  it('a stopped agent is not alive, whatever its last poll', () => {
    const result = agentLiveness({ started_at: ago(100), last_poll_at: ago(1), stopped_at: ago(1) }, now, 5);
    expect(result.alive).toBe(false);
    expect(result.text).toBe(`stopped at ${formatTimestamp(ago(1))}`);
  });

  it('allows 90 s of silence at least (the heartbeat is written every 30 s)', () => {
    expect(agentLiveness({ started_at: ago(1000), last_poll_at: ago(89), stopped_at: null }, now, 5).alive).toBe(true);
    expect(agentLiveness({ started_at: ago(1000), last_poll_at: ago(91), stopped_at: null }, now, 5).alive).toBe(false);
  });

  it('allows three check intervals when they are longer', () => {
    expect(agentLiveness({ started_at: ago(5000), last_poll_at: ago(899), stopped_at: null }, now, 300).alive).toBe(true);
    const silent = agentLiveness({ started_at: ago(5000), last_poll_at: ago(901), stopped_at: null }, now, 300);
    expect(silent).toEqual({ alive: false, text: 'silent for 15m 01s (crashed or stuck?)' });
  });

  it('before the first heartbeat, the start time is the last sign of life', () => {
    expect(agentLiveness({ started_at: ago(10), last_poll_at: null, stopped_at: null }, now, 5).alive).toBe(true);
    expect(agentLiveness({ started_at: ago(3600), last_poll_at: null, stopped_at: null }, now, 5).alive).toBe(false);
  });
});
