// Test-file side of the systemd system-manager harness: one private `systemd --system`
// (PID 1 of its own namespaces) per test file.
//
//   const skipReason = systemdSystemSkipReason();   // throws in CI if it cannot run
//   describe.skipIf(skipReason)('service strategy, system scope', () => {
//     let manager: SystemManager;
//     beforeAll(async () => { manager = await startSystemManager(); });
//     afterAll(() => manager?.stop());
//     it('…', async () => {
//       await manager.writeUnit('app.service', '[Service]\nExecStart=/bin/sleep 1000\n');
//       await manager.systemctl('start', 'app.service');
//       // run the agent inside: runAgentToEnd(config, ['--once'], {}, manager.inside)
//     });
//   });
import { inject } from 'vitest';
import { skipReasonOrFail } from './skipRule.js';

export { startSystemManager, type SystemManager } from './systemdSystemManager.js';

/** Why tests needing a system manager must skip (globalSetup's probe failed), or undefined. Throws in CI. */
export function systemdSystemSkipReason(): string | undefined {
  return skipReasonOrFail('a systemd system manager', inject('systemdSystemSkipReason'));
}
