import { defineConfig } from 'vitest/config';

// The unit tests of the pure modules (breaker, config, process names, alarm decisions,
// the in-process pgrep): no MariaDB globalSetup, no systemd. What `npm run mutate`
// (StrykerJS, stryker.config.json) runs against each mutant.
export const UNIT_TESTS = [
  'test/breaker/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/process/**/*.test.ts',
  'test/restart/builtinPgrep.test.ts',
  'test/agent/classifyAlarm.test.ts',
  'test/agent/findAmbiguousIds.test.ts',
  'test/agent/findAgentIdClash.test.ts',
  'test/agent/reportOnce.test.ts',
  'test/docs/configKeysDocumented.test.ts',
  'test/agent/agentLiveness.test.ts',
  'test/agent/interruptionOf.test.ts',
  'test/notify/decideNotification.test.ts',
  'test/notify/composeDigest.test.ts',
  'test/watch/**/*.test.ts',
  'test/restart/strategies/ManagerLoopTracker.test.ts',
  'test/restart/strategies/supervisorctlOutput.test.ts',
  'test/restart/strategies/serviceDir/judgeState.test.ts',
  'test/restart/strategies/serviceDir/parse*.test.ts',
];

export default defineConfig({
  test: {
    include: UNIT_TESTS,
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
  },
});
