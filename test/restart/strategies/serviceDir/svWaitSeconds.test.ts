import { describe, expect, it } from 'vitest';
import { svWaitSeconds } from '../../../../src/restart/strategies/serviceDir/svWaitSeconds.js';

describe('svWaitSeconds (sv -w)', () => {
  it('waits as long as the health check may take, in whole seconds', () => {
    expect(svWaitSeconds({ health_check_timeout: 5, command_timeout: 60 })).toBe(5);
    expect(svWaitSeconds({ health_check_timeout: 2.5, command_timeout: 60 })).toBe(3);
  });

  it('waits at least a second', () => {
    expect(svWaitSeconds({ health_check_timeout: 0.1, command_timeout: 60 })).toBe(1);
  });

  it('ends a second before command_timeout, so that sv says "timeout:" before it is killed', () => {
    expect(svWaitSeconds({ health_check_timeout: 120, command_timeout: 60 })).toBe(59);
    expect(svWaitSeconds({ health_check_timeout: 30, command_timeout: 1.5 })).toBe(1);
  });
});
