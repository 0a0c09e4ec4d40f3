// Proves the daemontools / runit / s6 harness: each manager really supervises the
// services it was given, and stop() leaves none of its processes behind (s6 runs each
// service in a session of its own, out of reach of a group kill).
import { describe, expect, it } from 'vitest';
import { isGone } from './processes.js';
import { makeSleeper } from './sleeper.js';
import { MANAGER_KINDS, serviceDirManagersSkipReason, startServiceDirManager, upPidOf } from './serviceDirManagers.js';
import { withTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

describe('upPidOf', () => {
  it("reads the pid of an up service from each manager's status line, and nothing from a down one", () => {
    expect(upPidOf('/s/web: up (pid 3834) 11 seconds')).toBe(3834);
    expect(upPidOf('run: /s/web: (pid 4068) 10s; run: log: (pid 4083) 9s')).toBe(4068);
    expect(upPidOf('up (pid 3851) 10 seconds')).toBe(3851);
    expect(upPidOf('down: /s/web: 8s, normally up')).toBeUndefined();
    expect(upPidOf('/s/web: down 8 seconds, normally up')).toBeUndefined();
    expect(upPidOf('down (exitcode 3) 0 seconds, normally up, want up')).toBeUndefined();
  });
});

describe.skipIf(serviceDirManagersSkipReason())('service-directory managers (harness)', () => {
  for (const kind of MANAGER_KINDS) {
    it(`starts ${kind} on a private service_dir, and stop() kills everything it started`, async () => {
      await withTempDir(`monitor-harness-${kind}-`, async (dir) => {
        const sleeper = makeSleeper(dir, 'hns');
        const manager = await startServiceDirManager(kind, dir, { web: `exec ${sleeper.binary} 600`, crashy: 'exit 3' });
        let pid: number;
        try {
          pid = await manager.waitUp('web');
          expect(sleeper.pids()).toEqual([pid]);
        } finally {
          await manager.stop();
        }
        expect(await isGone(pid)).toBe(true);
        await waitFor(() => sleeper.pids(), { what: `${kind}'s service to be gone`, until: (pids) => pids.length === 0 });
        expect(manager.status('web')).toMatch(/not running|not listening/);
      });
    });
  }
});
