// The service strategy end to end, against a real (private) systemd user
// manager: a unit in alarm is restarted by the agent (its MainPID changes),
// and `auto` picks the service strategy because the unit exists, the process
// strategy when there is none but a start_command, and says why when neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, writeAgentConfig } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { startUserManager, systemdUserSkipReason, type UserManager } from '../../support/systemdUser.js';
import { makeSleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

describe.skipIf(mariadbSkipReason() ?? systemdUserSkipReason())('service strategy (systemd user manager)', () => {
  let db: TestDatabase;
  let dir: string;
  let manager: UserManager;

  beforeAll(async () => {
    db = await createTestDatabase('service_strategy');
    dir = await makeTempDir();
    manager = await startUserManager();
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

  for (const strategy of ['service', 'auto'] as const) {
    it(`restarts the unit with restart_strategy = ${strategy} and clears the alarm`, async () => {
      const unit = `webapp-${strategy}`;
      await manager.writeUnit(`${unit}.service`, '[Service]\nExecStart=/bin/sleep 1000\n');
      await manager.systemctl('start', `${unit}.service`);
      const before = await manager.mainPid(unit);
      expect(before).toBeGreaterThan(0);
      const id = strategy === 'service' ? 201 : 202;
      await raiseAlarm(id, unit);

      const config = writeAgentConfig({
        dir,
        socket: db.socket,
        database: db.name,
        fileName: `${strategy}.ini`,
        sections: {
          [`process.${unit}`]: {
            restart_strategy: strategy,
            systemd_scope: 'user',
            health_check_command: 'systemctl --user is-active --quiet %s',
          },
        },
      });
      const run = await runAgentToEnd(config, ['--once'], manager.env);

      expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${unit} (strategy: service)`);
      if (strategy === 'auto') expect(run.output).toContain(`RESTART LOG: ${unit}: auto: user unit ${unit}.service exists`);
      expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${unit}`);
      expect(run.code).toBe(0);
      const after = await manager.mainPid(unit);
      expect(after).toBeGreaterThan(0);
      expect(after).not.toBe(before);
      const [row] = await db.query<Array<{ alarma: number }>>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [id]);
      expect(row?.alarma).toBe(0);
    });
  }

  it('auto without a unit uses start_command, and says so', async () => {
    const sleeper = makeSleeper(dir, 'auto');
    await raiseAlarm(204, sleeper.name);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'auto-process.ini',
      sections: {
        [`process.${sleeper.name}`]: { restart_strategy: 'auto', systemd_scope: 'user', process_launcher: 'detach', start_command: sleeper.startCommand },
      },
    });
    try {
      const run = await runAgentToEnd(config, ['--once'], manager.env);
      // Between the two, supervisor's answer (no such program, or no supervisord on this host), then the
      // service-directory managers, which found nothing in their usual places.
      const serviceDirs = `no daemontools service /etc/service/${sleeper.name}, no runit service /etc/service/${sleeper.name}, no s6 service /run/service/${sleeper.name}`;
      expect(run.output).toMatch(
        new RegExp(
          `RESTART LOG: ${sleeper.name}: auto: no user unit ${sleeper.name}\\.service \\(not-found\\), [^\\n]*supervisor[^\\n]*, ${serviceDirs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, using start_command\\n`,
        ),
      );
      expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${sleeper.name} (strategy: process)`);
      expect(run.code).toBe(0);
    } finally {
      await sleeper.killAll();
    }
  });

  it('auto with neither a unit nor a start_command fails, saying what is missing', async () => {
    await raiseAlarm(205, 'nowhere');
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'auto-neither.ini',
      sections: { 'process.nowhere': { restart_strategy: 'auto', systemd_scope: 'user' } },
    });
    const run = await runAgentToEnd(config, ['--once'], manager.env);
    expect(run.output).toMatch(
      new RegExp(
        'RESTART LOG: strategy auto cannot restart nowhere: no user systemd unit nowhere\\.service \\(LoadState: not-found\\), ' +
          '[^\\n]*supervisor[^\\n]*, no daemontools service /etc/service/nowhere, no runit service /etc/service/nowhere, no s6 service /run/service/nowhere ' +
          'and no start_command for the process strategy; set restart_strategy and start_command in \\[process\\.nowhere\\]',
      ),
    );
    expect(run.output).toContain('RESTART LOG: Beginning restart procedure for nowhere (strategy: auto)');
    expect(run.code).toBe(1);
  });

  it('reports a unit that fails to start as a restart failure and keeps the alarm', async () => {
    await manager.writeUnit('broken.service', '[Service]\nType=exec\nExecStart=/nonexistent/binary\n');
    await raiseAlarm(203, 'broken');
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'broken.ini',
      sections: { 'process.broken': { restart_strategy: 'service', systemd_scope: 'user', max_attempts: 2, restart_delay: 0.1 } },
    });
    const run = await runAgentToEnd(config, ['--once'], manager.env);
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/RESTART LOG: Restart command failed for broken: systemctl restart broken\.service: exit status \d+/);
    const [row] = await db.query<Array<{ alarma: number }>>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = 203');
    expect(row?.alarma).toBe(1);
    const [history] = await db.query<Array<{ outcome: string; attempts: number }>>(
      'SELECT outcome, attempts FROM monitor_restart_history WHERE process_id = 203',
    );
    expect(history).toEqual({ outcome: 'failure', attempts: 2 });
  });
});
