import { describe, expect, it } from 'vitest';
import { summarizeTakeOver } from '../../src/agent/takeOver.js';

const at = (s: string): Date => new Date(`2026-11-25T10:00:${s}Z`);

describe('summarizeTakeOver', () => {
  it('nothing unfinished: no takeover', () => {
    expect(summarizeTakeOver([])).toBeUndefined();
  });

  it('a procedure that never issued a restart: taken over, nothing restarted', () => {
    expect(summarizeTakeOver([{ id: 1, agentId: 'a', attempts: 0, restartedAt: null }])).toEqual({ from: 'a', restart: undefined });
  });

  it('names the latest restart among several unfinished procedures', () => {
    const rows = [
      { id: 1, agentId: 'a', attempts: 2, restartedAt: at('05') },
      { id: 2, agentId: 'b', attempts: 1, restartedAt: at('09') },
      { id: 3, agentId: 'c', attempts: 0, restartedAt: null },
    ];
    expect(summarizeTakeOver(rows)).toEqual({ from: 'c', restart: { agentId: 'b', attempt: 1, at: at('09') } });
  });
});
