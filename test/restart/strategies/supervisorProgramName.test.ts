import { describe, expect, it } from 'vitest';
import { ownSupervisorProgram, supervisorProgramName } from '../../../src/restart/strategies/supervisorProgramName.js';

describe('supervisorProgramName', () => {
  it.each(['web', 'grp:web', 'web:web', 'php-fpm7.4', 'worker_01', 'all:all', 'allx', 'grp:a:b'])('accepts %s as one program', (name) => {
    expect(supervisorProgramName(name)).toEqual({ ok: true, program: name });
  });

  it('refuses all: supervisorctl restart all restarts every program', () => {
    expect(supervisorProgramName('all')).toEqual({
      ok: false,
      reason:
        'all is what supervisorctl reads as every program (supervisorctl restart all restarts everything supervisord runs); ' +
        'the agent restarts one supervisord program at a time (restart_strategy supervisor and auto)',
    });
  });

  it.each([
    ['grp:', 'names the whole group grp'],
    ['grp:*', 'contains a wildcard'],
    ['*', 'contains a wildcard'],
    ['web*', 'contains a wildcard'],
    ['web other', 'is not one word'],
    ['web\tother', 'is not one word'],
    ['', 'is not one word'],
    ['-c', 'starts with "-"'],
  ])('refuses %j: %s', (name, why) => {
    const check = supervisorProgramName(name);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(why);
  });

  it('refuses the program the agent itself runs as, in either spelling', () => {
    const own = { group: 'monitor', process: 'monitor' };
    for (const name of ['monitor', 'monitor:monitor']) {
      expect(supervisorProgramName(name, own)).toEqual({
        ok: false,
        reason: `${name} is the supervisord program the agent itself runs as; restarting it would kill the agent in the middle of the procedure`,
      });
    }
    const inGroup = { group: 'tools', process: 'agent' };
    expect(supervisorProgramName('tools:agent', inGroup).ok).toBe(false);
    expect(supervisorProgramName('agent', inGroup).ok).toBe(true);
    expect(supervisorProgramName('tools:other', inGroup).ok).toBe(true);
  });
});

describe('ownSupervisorProgram', () => {
  it('reads what supervisord puts in the environment of its programs', () => {
    expect(ownSupervisorProgram({ SUPERVISOR_ENABLED: '1', SUPERVISOR_GROUP_NAME: 'tools', SUPERVISOR_PROCESS_NAME: 'agent' })).toEqual({
      group: 'tools',
      process: 'agent',
    });
    expect(ownSupervisorProgram({})).toBeUndefined();
    expect(ownSupervisorProgram({ SUPERVISOR_PROCESS_NAME: 'agent' })).toBeUndefined();
  });
});
