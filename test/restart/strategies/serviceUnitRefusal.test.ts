// Rows that name a systemd unit other than a service, or the agent's own unit, against a
// real private systemd user manager: `systemctl --user restart exit.target` stops such a
// manager, and restarting the agent's own unit kills it mid-procedure. The agent must run
// nothing for them (not even `systemctl show`), keep the alarm, and say why once.
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, startAgent, writeAgentConfig, type RunningAgent } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { isGone } from '../../support/processes.js';
import { startUserManager, systemdUserSkipReason, type UserManager } from '../../support/systemdUser.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { alarmOf, historyOf, registerProcess } from '../../support/faultKit.js';

const EXTRA_POLLS = 5;
const checks = /Database check: \d+ process\(es\) in alarm/;

describe.skipIf(mariadbSkipReason() ?? systemdUserSkipReason())('units the service strategy refuses (systemd user manager)', () => {
  let db: TestDatabase;
  let dir: string;
  let manager: UserManager;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('unit_refusal');
    dir = await makeTempDir();
    manager = await startUserManager();
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await manager?.stop();
    await db?.close();
    await removeTempDir(dir);
  });

  async function managerRunning(): Promise<boolean> {
    if (await isGone(manager.pid)) return false;
    return ['running', 'degraded'].includes((await manager.systemctl('show', '--property=SystemState', '--value')).stdout.trim());
  }

  it('refuses .target, .socket and .timer rows with auto and with service: manager untouched, rejected once each', async () => {
    // A trace of every systemctl the agent runs: a wrapper first on its PATH.
    const bin = path.join(dir, 'bin');
    const trace = path.join(dir, 'systemctl.log');
    await execa('sh', [
      '-c',
      `mkdir -p ${bin} && printf '#!/bin/sh\\necho "$*" >> ${trace}\\nexec /usr/bin/systemctl "$@"\\n' > ${bin}/systemctl && chmod 755 ${bin}/systemctl`,
    ]);
    const rows = [
      { id: 301, name: 'exit.target', strategy: 'auto' },
      { id: 302, name: 'reboot.target', strategy: 'service' },
      { id: 303, name: 'poweroff.target', strategy: 'auto' },
      { id: 304, name: 'halt.target', strategy: 'service' },
      { id: 305, name: 'dbus.socket', strategy: 'auto' },
      { id: 306, name: 'app.timer', strategy: 'service' },
    ];
    for (const row of rows) await registerProcess(db, row.id, row.name, 1);
    // A control in the same run, named like php-fpm7.4 (a suffix that is not a unit type):
    // auto finds ms-fpm7.4.service and restarts it, so the trace does record what runs.
    await manager.writeUnit('ms-fpm7.4.service', '[Service]\nExecStart=/bin/sleep 1000\n');
    await manager.systemctl('start', 'ms-fpm7.4.service');
    const controlPid = await manager.mainPid('ms-fpm7.4.service');
    await registerProcess(db, 300, 'ms-fpm7.4', 1);
    const sections = Object.fromEntries(rows.map((row) => [`process.${row.name}`, { restart_strategy: row.strategy }]));
    expect(await managerRunning()).toBe(true);

    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: { 'process.default': { systemd_scope: 'user', health_check_command: 'systemctl --user is-active --quiet %s' }, ...sections },
      env: { ...manager.env, PATH: `${bin}:${process.env.PATH}` },
    });
    await agent.waitForLine(/Alarm cleared for ms-fpm7\.4 \(ID: 300\)/);
    for (const row of rows) await agent.waitForLine(new RegExp(`Alarm for ${row.name.replace('.', '\\.')} \\(ID: ${row.id}\\) will not be acted on`));
    const target = agent.count(checks) + EXTRA_POLLS;
    await waitFor(() => agent!.count(checks) >= target, { what: `${EXTRA_POLLS} more polls`, timeoutMs: 20_000 });
    await agent.stop();

    expect(await managerRunning()).toBe(true);
    // systemctl ran for the control only: show, restart, the health check's is-active.
    const ran = existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n') : [];
    expect(ran).toContain('--user restart -- ms-fpm7.4.service');
    expect(ran.filter((line) => !line.includes('ms-fpm7.4'))).toEqual([]);
    expect(await manager.mainPid('ms-fpm7.4.service')).not.toBe(controlPid);
    for (const row of rows) {
      const type = row.name.slice(row.name.indexOf('.') + 1);
      const reason = `${row.name} is a systemd .${type} unit, not a service; the agent restarts only service units (restart_strategy service and auto)`;
      expect(
        agent.lines.filter((l) => l.includes(`(ID: ${row.id}) will not be acted on`)),
        row.name,
      ).toEqual([expect.stringContaining(`WARNING - Alarm for ${row.name} (ID: ${row.id}) will not be acted on: ${reason}; nothing was run, alarm kept`)]);
      expect(await alarmOf(db, row.id)).toBe(1);
      const history = await historyOf(db, row.id);
      expect(history.map((h) => [h.outcome, h.reason])).toEqual([['rejected', reason]]);
    }
    expect(agent.lines.filter((l) => /Beginning restart procedure|Found process in alarm/.test(l) && !l.includes('ms-fpm7.4'))).toEqual([]);
    const breakers = await db.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM monitor_circuit_breaker WHERE process_id BETWEEN 301 AND 306 AND failures > 0',
    );
    expect(Number(breakers[0]?.n)).toBe(0);
  });

  it('refuses the unit the agent itself runs in', async () => {
    const unit = `msagent-${process.pid}`;
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'own.ini',
      sections: {
        logging: { log_file: path.join(dir, 'own', 'monitor_service.log'), level: 'DEBUG' },
        'process.default': { systemd_scope: 'user', restart_strategy: 'service', health_check_command: 'true' },
      },
    });
    await registerProcess(db, 311, unit, 1);
    const started = await execa(
      'systemd-run',
      [
        '--user',
        `--unit=${unit}`,
        '--collect',
        `--setenv=XDG_RUNTIME_DIR=${manager.env.XDG_RUNTIME_DIR}`,
        '--',
        process.execPath,
        AGENT_CLI,
        '--config',
        config,
      ],
      { env: { ...process.env, ...manager.env }, reject: false },
    );
    expect(started.exitCode, started.stderr).toBe(0);
    const logFile = path.join(dir, 'own', 'monitor_service.log');
    const logText = () => readFileSync(logFile, 'utf8');
    const line = await waitFor(
      () =>
        logText()
          .split('\n')
          .find((l) => l.includes('(ID: 311) will not be acted on')),
      {
        what: 'the refusal of the own unit',
        timeoutMs: 20_000,
      },
    );
    expect(line).toContain(`${unit}.service is the systemd unit the agent itself runs in`);
    const mainPid = await manager.mainPid(unit);
    const target =
      logText()
        .split('\n')
        .filter((l) => checks.test(l)).length + EXTRA_POLLS;
    await waitFor(
      () =>
        logText()
          .split('\n')
          .filter((l) => checks.test(l)).length,
      { what: 'more polls', until: (n) => n >= target, timeoutMs: 20_000 },
    );
    // Still the same agent, never restarted.
    expect(await manager.mainPid(unit)).toBe(mainPid);
    expect(
      logText()
        .split('\n')
        .filter((l) => l.includes('Starting Process Monitor Service')),
    ).toHaveLength(1);
    expect((await historyOf(db, 311)).map((h) => h.outcome)).toEqual(['rejected']);
    expect(await alarmOf(db, 311)).toBe(1);
    await manager.systemctl('stop', `${unit}.service`);
  });
});
