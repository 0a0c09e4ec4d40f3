// Test-file side of the systemd harness: a private user manager per test file (or test).
//
//   const skipReason = systemdUserSkipReason();     // throws in CI if it cannot run
//   describe.skipIf(skipReason)('service strategy', () => {
//     let manager: UserManager;
//     beforeAll(async () => { manager = await startUserManager(); });
//     afterAll(() => manager?.stop());
//     it('…', async () => {
//       await manager.writeUnit('app.service', '[Service]\nExecStart=/bin/sleep 1000\n');
//       await manager.systemctl('start', 'app.service');
//       // run the agent with { env: { ...process.env, ...manager.env } }
//     });
//   });
import { inject } from 'vitest';
import { skipReasonOrFail } from './skipRule.js';

export { startUserManager, type SystemctlResult, type UserManager } from './systemdUserManager.js';

/** Why tests needing a user manager must skip (globalSetup's probe failed), or undefined. Throws in CI. */
export function systemdUserSkipReason(): string | undefined {
  return skipReasonOrFail('a systemd user manager', inject('systemdUserSkipReason'));
}
