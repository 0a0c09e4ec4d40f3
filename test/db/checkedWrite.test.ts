// checkedWrite's decision logic, with stand-in writes (the real claim and outcome
// writes are exercised against MariaDB and Galera by the integration tests).
import { describe, expect, it } from 'vitest';
import { checkedWrite } from '../../src/db/checkedWrite.js';

const failWith = (errno: number, code: string) => Object.assign(new Error(code), { errno, code });

function scripted(results: Array<boolean | Error>) {
  const calls: string[] = [];
  const write = () => {
    calls.push('write');
    const next = results.shift();
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next ?? false);
  };
  return { calls, write };
}

describe('checkedWrite', () => {
  it('after an unknown outcome, reads back first and does not write again when the write landed', async () => {
    const { calls, write } = scripted([failWith(1180, 'ER_ERROR_DURING_COMMIT')]);
    const op = checkedWrite(write, () => {
      calls.push('read');
      return Promise.resolve(true as const);
    });
    await expect(op()).rejects.toThrow('ER_ERROR_DURING_COMMIT');
    await expect(op()).resolves.toBe(true);
    expect(calls).toEqual(['write', 'read']);
  });

  it('after an unknown outcome that did not land, writes again', async () => {
    const { calls, write } = scripted([Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST' }), true]);
    const op = checkedWrite(write, () => {
      calls.push('read');
      return Promise.resolve(undefined);
    });
    await expect(op()).rejects.toThrow('lost');
    await expect(op()).resolves.toBe(true);
    expect(calls).toEqual(['write', 'read', 'write']);
  });

  it('after a conflict (1213: not written) writes again without reading', async () => {
    const { calls, write } = scripted([failWith(1213, 'ER_LOCK_DEADLOCK'), false]);
    const op = checkedWrite(write, () => {
      calls.push('read');
      return Promise.resolve(true as const);
    });
    await expect(op()).rejects.toThrow('ER_LOCK_DEADLOCK');
    await expect(op()).resolves.toBe(false);
    expect(calls).toEqual(['write', 'write']);
  });
});
