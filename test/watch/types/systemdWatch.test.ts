// type = systemd against a real (private) systemd user manager: a unit stopped
// by hand is seen inactive, its alarm raised, and the agent's normal loop
// restarts it (service strategy) and clears the alarm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { startUserManager, systemdUserSkipReason, type UserManager } from '../../support/systemdUser.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { historyOf, waitForCleared } from '../../support/faultKit.js';

describe.skipIf(mariadbSkipReason() ?? systemdUserSkipReason())('systemd watch (systemd user manager)', () => {
  let db: TestDatabase;
  let dir: string;
  let manager: UserManager;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('watch_systemd');
    dir = await makeTempDir();
    manager = await startUserManager();
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await manager?.stop();
    await db?.close();
    await removeTempDir(dir);
  });

  it('a unit stopped by hand raises the alarm, and the agent starts it again', async () => {
    const unit = 'crasher';
    await manager.writeUnit(`${unit}.service`, '[Service]\nExecStart=/bin/sleep 1000\n');
    await manager.systemctl('start', `${unit}.service`);
    const before = await manager.mainPid(unit);
    expect(before).toBeGreaterThan(0);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (301, ?)', [unit]);
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (301, 0, 0, NULL)');

    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      env: manager.env,
      sections: {
        [`process.${unit}`]: { restart_strategy: 'service', systemd_scope: 'user', health_check_command: 'systemctl --user is-active --quiet %s' },
        [`watch.${unit}`]: { type: 'systemd', watch_interval: 0.2 },
      },
    });
    await agent.waitForLine(/Database check: 0 process/);
    expect(agent.count(/Detected failure/)).toBe(0);

    await manager.systemctl('stop', `${unit}.service`);
    await agent.waitForLine(/WARNING - Detected failure of crasher: unit crasher\.service is inactive \(dead\); alarm raised \(ID: 301\)/);
    await waitForCleared(db, 301);
    const after = await waitFor(() => manager.mainPid(unit), { what: 'crasher.service running again', until: (pid) => pid > 0 });
    expect(after).not.toBe(before);
    // The outcome is recorded just after the alarm is cleared.
    const history = await waitFor(() => historyOf(db, 301), {
      what: 'the restart recorded',
      until: (rows) => rows.length >= 2 && rows[1]!.outcome !== 'in_progress',
    });
    expect(history.slice(0, 2).map((row) => row.outcome)).toEqual(['detected', 'success']);
    expect(history[0]!.reason).toBe('systemd watch: unit crasher.service is inactive (dead); alarm raised');
  });
});
