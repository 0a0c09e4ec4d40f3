// Proves the system-manager harness itself: private (the host's /run/systemd stays as it
// was), reachable with a plain systemctl from inside, and stop() leaves nothing behind.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { isGone } from './processes.js';
import { startSystemManager, systemdSystemSkipReason } from './systemdSystem.js';

describe.skipIf(systemdSystemSkipReason())('systemd system manager harness', () => {
  it('boots a private PID 1 that runs units, and stop() removes it and all it ran', async () => {
    const hostHadSystemdDir = existsSync('/run/systemd/system');
    const manager = await startSystemManager();
    try {
      await manager.writeUnit('harness-probe.service', '[Service]\nExecStart=/bin/sleep 600\n');
      expect((await manager.systemctl('start', 'harness-probe.service')).exitCode).toBe(0);
      const inside = await execa(manager.inside[0]!, [
        ...manager.inside.slice(1),
        'sh',
        '-c',
        'echo $$; cat /proc/1/comm; test -d /run/systemd/system && echo booted',
      ]);
      const [, pid1Name, booted] = inside.stdout.split('\n');
      expect(pid1Name).toBe('systemd');
      expect(booted).toBe('booted');
      expect((await manager.show('harness-probe.service', ['ActiveState'])).ActiveState).toBe('active');
      expect(existsSync('/run/systemd/system')).toBe(hostHadSystemdDir);

      const cgroupOfPid1 = (await readFile(`/proc/${manager.pid}/cgroup`, 'utf8')).match(/^0::(.*)$/m)?.[1];
      await manager.stop();

      expect(await isGone(manager.pid)).toBe(true);
      expect(existsSync(manager.unitDir)).toBe(false);
      // The manager's own cgroup (PID 1 sits in its init.scope): emptied and removed.
      const cgroupDir = cgroupOfPid1?.replace(/(\/monitor-sysmgr-[^/]+)\/.*$/, '$1') ?? '';
      expect(cgroupDir).toMatch(/\/monitor-sysmgr-[^/]+$/);
      expect(existsSync(`/sys/fs/cgroup${cgroupDir}`) || existsSync(`/sys/fs/cgroup/unified${cgroupDir}`)).toBe(false);
      expect(existsSync('/run/systemd/system')).toBe(hostHadSystemdDir);
    } finally {
      await manager.stop();
    }
  });
});
