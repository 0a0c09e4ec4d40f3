// The service strategy with the DEFAULT systemd_scope (system), against a real, private
// `systemd --system` (PID 1 of its own namespaces, test/support/systemdSystemManager.ts).
// The agent runs inside those namespaces, so its plain `systemctl restart NAME` and the
// default health check (`pgrep %s`) see that manager and its units, as on a server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, writeAgentConfig } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { makeSleeper } from '../../support/sleeper.js';
import { startSystemManager, systemdSystemSkipReason, type SystemManager } from '../../support/systemdSystem.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

describe.skipIf(mariadbSkipReason() ?? systemdSystemSkipReason())('service strategy (systemd system manager, default scope)', () => {
  let db: TestDatabase;
  let dir: string;
  let manager: SystemManager;

  beforeAll(async () => {
    db = await createTestDatabase('service_system');
    dir = await makeTempDir();
    manager = await startSystemManager();
  });
  afterAll(async () => {
    await manager?.stop();
    await db?.close();
    await removeTempDir(dir);
  });

  async function raiseAlarm(id: number, name: string): Promise<void> {
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, 1, 0, NULL)', [id]);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, name]);
  }

  async function alarmOf(id: number): Promise<number | undefined> {
    const [row] = await db.query<Array<{ alarma: number }>>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [id]);
    return row?.alarma;
  }

  async function historyOf(id: number): Promise<Array<{ outcome: string; attempts: number; strategy: string }>> {
    return db.query('SELECT outcome, attempts, strategy FROM monitor_restart_history WHERE process_id = ?', [id]);
  }

  for (const [id, strategy] of [
    [301, 'service'],
    [302, 'auto'],
  ] as const) {
    it(`restarts a system unit with restart_strategy = ${strategy}, the default scope and health check, and clears the alarm`, async () => {
      // The unit's process is a copy of sleep named after the unit: the default
      // health check, `pgrep NAME`, finds it and nothing else.
      const sleeper = makeSleeper(dir, 'sys');
      const unit = `${sleeper.name}.service`;
      await manager.writeUnit(unit, `[Service]\nExecStart=${sleeper.binary} 600\n`);
      await manager.systemctl('start', unit);
      const before = await manager.show(unit, ['MainPID', 'InvocationID', 'ActiveState']);
      expect(before.ActiveState).toBe('active');
      expect(Number(before.MainPID)).toBeGreaterThan(0);
      await raiseAlarm(id, sleeper.name);

      // Only the strategy is set: systemd_scope and health_check_command keep their defaults.
      const config = writeAgentConfig({
        dir,
        socket: db.socket,
        database: db.name,
        fileName: `system-${strategy}.ini`,
        sections: { [`process.${sleeper.name}`]: { restart_strategy: strategy } },
      });
      const run = await runAgentToEnd(config, ['--once'], {}, manager.inside);

      expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${sleeper.name} (strategy: service)`);
      expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${sleeper.name}`);
      expect(run.code).toBe(0);
      const after = await manager.show(unit, ['MainPID', 'InvocationID', 'ActiveState']);
      expect(after.ActiveState).toBe('active');
      expect(Number(after.MainPID)).toBeGreaterThan(0);
      expect(after.MainPID).not.toBe(before.MainPID);
      expect(after.InvocationID).not.toBe(before.InvocationID);
      expect(await alarmOf(id)).toBe(0);
      expect(await historyOf(id)).toEqual([{ outcome: 'success', attempts: 1, strategy: 'service' }]);
    });
  }

  it('records a system unit that fails to start as a restart failure and keeps the alarm', async () => {
    await manager.writeUnit('sysbroken.service', '[Service]\nType=exec\nExecStart=/nonexistent/binary\n');
    await raiseAlarm(303, 'sysbroken');
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'system-broken.ini',
      sections: { 'process.sysbroken': { restart_strategy: 'service', max_attempts: 2, restart_delay: 0.1 } },
    });
    const run = await runAgentToEnd(config, ['--once'], {}, manager.inside);

    expect(run.output).toMatch(/RESTART LOG: Restart command failed for sysbroken: systemctl restart sysbroken\.service: exit status \d+/);
    expect(run.code).toBe(1);
    const unit = await manager.show('sysbroken.service', ['ActiveState', 'Result']);
    expect(unit).toEqual({ ActiveState: 'failed', Result: 'exit-code' });
    expect(await alarmOf(303)).toBe(1);
    expect(await historyOf(303)).toEqual([{ outcome: 'failure', attempts: 2, strategy: 'service' }]);
  });
});
