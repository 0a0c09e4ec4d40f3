import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findAgentIdClash, isLocalAgentProcess } from '../../src/agent/findAgentIdClash.js';
import type { AgentRow } from '../../src/db/sql/listAgents.js';

const now = new Date('2026-01-01T12:00:00Z');
const row = (over: Partial<AgentRow>): AgentRow => ({
  agent_id: 'web1',
  agent_group: 'web1',
  hostname: 'web1',
  pid: 100,
  version: '1.0.0',
  started_at: new Date(now.getTime() - 600_000),
  last_poll_at: new Date(now.getTime() - 5_000),
  stopped_at: null,
  db_now: now,
  ...over,
});
const me = { agentId: 'web1', hostname: 'web1', pid: 200 };

describe('findAgentIdClash', () => {
  it('finds a live agent with our id on this host', () => {
    expect(findAgentIdClash([row({})], me, 1, () => true)?.pid).toBe(100);
  });
  it('ignores a crashed predecessor on this host (its pid is not an agent any more)', () => {
    expect(findAgentIdClash([row({})], me, 1, () => false)).toBeUndefined();
  });
  it('ignores our own row, stopped agents and other ids', () => {
    expect(findAgentIdClash([row({ pid: 200 })], me, 1, () => true)).toBeUndefined();
    expect(findAgentIdClash([row({ stopped_at: now })], me, 1, () => true)).toBeUndefined();
    expect(findAgentIdClash([row({ agent_id: 'web2' })], me, 1, () => true)).toBeUndefined();
  });
  it('on another host, trusts a recent heartbeat and not a silent one', () => {
    expect(findAgentIdClash([row({ hostname: 'web2' })], me, 1, () => false)?.hostname).toBe('web2');
    const silent = row({ hostname: 'web2', last_poll_at: new Date(now.getTime() - 3_600_000) });
    expect(findAgentIdClash([silent], me, 1, () => false)).toBeUndefined();
  });
});

describe('isLocalAgentProcess', () => {
  it('is true for a process whose command line names monitorService, false for others and for no process', async () => {
    // A shell whose $0 is "monitorService" stands in for `node …/monitorService.js`.
    // `read` is a builtin: no child process is left behind when the shell is killed.
    const child = spawn('/bin/sh', ['-c', 'read line', 'monitorService'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(isLocalAgentProcess(child.pid!)).toBe(true);
      expect(isLocalAgentProcess(process.pid)).toBe(false);
      expect(isLocalAgentProcess(2 ** 22 + 1)).toBe(false); // above pid_max: never a process
    } finally {
      child.kill('SIGKILL');
    }
  });
});
