import { describe, expect, it } from 'vitest';
import { judgeState } from '../../../../src/restart/strategies/serviceDir/judgeState.js';
import type { SupervisedState } from '../../../../src/restart/strategies/serviceDir/SupervisedState.js';

const up = (pid: number, seconds: number, flags: string[] = []): SupervisedState => ({ kind: 'up', pid, seconds, flags, words: '' });
const alive = () => false;

describe('judgeState', () => {
  it('passes a new process that has been up for a second', () => {
    expect(judgeState(up(200, 1), 100, alive)).toEqual({ healthy: true });
    expect(judgeState(up(200, 30, ['normally down']), undefined, alive)).toEqual({ healthy: true });
  });

  it('fails the process from before the restart (it did not exit on the signal)', () => {
    expect(judgeState(up(100, 40), 100, alive)).toEqual({ healthy: false, why: 'still the process from before the restart (PID 100)' });
  });

  it('fails a process up for less than a second: a crash loop shows such ones', () => {
    expect(judgeState(up(200, 0), 100, alive)).toEqual({ healthy: false, why: 'up less than 1 second so far' });
    // runit's "1s" may be 0.1 s: it asks for 2.
    expect(judgeState(up(200, 1), 100, alive, 2)).toEqual({ healthy: false, why: 'up less than 2 seconds so far' });
    expect(judgeState(up(200, 2), 100, alive, 2)).toEqual({ healthy: true });
  });

  it('fails an "up" process that is a zombie (daemontools reaps a crashed service a second late)', () => {
    expect(judgeState(up(200, 1), 100, (pid) => pid === 200)).toEqual({ healthy: false, why: 'PID 200 has already exited' });
  });

  it('fails a paused process, or one being stopped', () => {
    expect(judgeState(up(200, 5, ['paused']), 100, alive)).toEqual({ healthy: false, why: 'paused' });
    expect(judgeState(up(200, 5, ['want down', 'got TERM']), 100, alive)).toEqual({ healthy: false, why: 'being stopped' });
  });

  it("fails anything that is not up, leaving the words to the manager's own", () => {
    const states: SupervisedState[] = [
      { kind: 'down', seconds: 0, flags: ['normally up', 'want up'], words: '' },
      { kind: 'unsupervised', words: '' },
      { kind: 'missing', words: '' },
      { kind: 'unreadable', words: '' },
    ];
    for (const state of states) expect(judgeState(state, undefined, alive)).toEqual({ healthy: false, why: undefined });
  });
});
