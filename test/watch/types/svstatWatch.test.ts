// type = svstat against a real daemontools svscan: a service in a restart loop
// (up for less than min_uptime, check after check) raises the alarm once
// for_cycles checks saw it; when it stays up again the agent's restart
// (svc -t) is verified and the alarm cleared.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { serviceDirManagersSkipReason, startServiceDirManager, type ServiceDirInstance } from '../../support/serviceDirManagers.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { historyOf, waitForCleared } from '../../support/faultKit.js';

describe.skipIf(mariadbSkipReason() ?? serviceDirManagersSkipReason())('svstat watch (daemontools)', () => {
  let db: TestDatabase;
  let dir: string;
  let manager: ServiceDirInstance;
  let agent: RunningAgent | undefined;
  let flag: string;

  beforeAll(async () => {
    db = await createTestDatabase('watch_svstat');
    dir = await makeTempDir();
    flag = path.join(dir, 'crash-loop');
    writeFileSync(flag, '');
    // Crashes half a second after each start while the flag is there.
    manager = await startServiceDirManager('daemontools', dir, { looper: `if [ -e ${flag} ]; then sleep 0.5; exit 1; fi\nexec sleep 1000` });
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await manager?.stop();
    await db?.close();
    await removeTempDir(dir);
  });

  it('a service restarting again and again raises the alarm after for_cycles checks', async () => {
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (303, 'looper')");
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (303, 0, 0, NULL)');
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        'process.looper': { restart_strategy: 'daemontools', service_dir: manager.serviceDir, health_check_timeout: 10 },
        'watch.looper': { type: 'svstat', watch_interval: 0.3, min_uptime: 5, for_cycles: 3 },
      },
    });
    const line = await agent.waitForLine(
      /WARNING - Detected failure of looper: svstat: .*looper: (up .* only \d+ s \(min_uptime 5 s\): restarting again and again|down, wanted up); alarm raised \(ID: 303\)/,
    );
    expect(line).toBeDefined();
    rmSync(flag); // the cause is fixed: the next start stays up
    await waitForCleared(db, 303);
    expect(existsSync(flag)).toBe(false);
    const history = await waitFor(() => historyOf(db, 303), { what: 'the restart recorded', until: (rows) => rows.some((row) => row.outcome === 'success') });
    expect(history[0]!.outcome).toBe('detected');
    expect(history.map((row) => row.outcome)).toContain('success');
  });
});
