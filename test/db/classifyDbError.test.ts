import { describe, expect, it } from 'vitest';
import { classifyDbError, isServerUnusable, isWriteConflict } from '../../src/db/classifyDbError.js';

const sqlError = (errno: number, code = 'ER_X') => Object.assign(new Error(code), { errno, code });
const netError = (code: string) => Object.assign(new Error(code), { code });

describe('classifyDbError', () => {
  it('says a certification conflict or deadlock (1213) wrote nothing, from a statement or a COMMIT alike', () => {
    expect(classifyDbError(sqlError(1213, 'ER_LOCK_DEADLOCK'))).toBe('not-applied');
    expect(classifyDbError(sqlError(1205, 'ER_LOCK_WAIT_TIMEOUT'))).toBe('not-applied');
    expect(classifyDbError(netError('ECONNREFUSED'))).toBe('not-applied');
  });

  it('says 1047, 1180 and a lost connection leave the outcome unknown', () => {
    expect(classifyDbError(sqlError(1047, 'ER_UNKNOWN_COM_ERROR'))).toBe('unknown');
    expect(classifyDbError(sqlError(1180, 'ER_ERROR_DURING_COMMIT'))).toBe('unknown');
    expect(classifyDbError(netError('PROTOCOL_CONNECTION_LOST'))).toBe('unknown');
    expect(classifyDbError(netError('ECONNRESET'))).toBe('unknown');
    expect(classifyDbError(sqlError(2013))).toBe('unknown');
  });

  it('leaves everything else alone', () => {
    expect(classifyDbError(sqlError(1146, 'ER_NO_SUCH_TABLE'))).toBe('other');
    expect(classifyDbError(sqlError(1045, 'ER_ACCESS_DENIED_ERROR'))).toBe('other');
    expect(classifyDbError(new Error('x'))).toBe('other');
    expect(classifyDbError(undefined)).toBe('other');
  });
});

describe('isWriteConflict / isServerUnusable', () => {
  it('treats a conflict as a lost race, not as a server to leave', () => {
    expect(isWriteConflict(sqlError(1213))).toBe(true);
    expect(isServerUnusable(sqlError(1213))).toBe(false);
    expect(isServerUnusable(sqlError(1205))).toBe(false);
    expect(isServerUnusable(netError('PROTOCOL_SEQUENCE_TIMEOUT'))).toBe(false);
  });

  it('leaves a node outside the primary component, or one that cannot be reached', () => {
    expect(isServerUnusable(sqlError(1047))).toBe(true);
    expect(isServerUnusable(netError('ECONNREFUSED'))).toBe(true);
    expect(isServerUnusable(netError('PROTOCOL_CONNECTION_LOST'))).toBe(true);
    expect(isServerUnusable(sqlError(1146))).toBe(false);
  });
});
