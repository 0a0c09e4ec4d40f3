// auto and the service-directory managers: with daemontools, runit and s6 each running
// privately, the built agent tells their service directories apart by what each
// supervisor left in them (service_dir points every strategy at the same directory, so
// the contents decide, not the place), picks the right one, logs and records the choice.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, writeAgentConfig, type Sections } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import {
  MANAGER_KINDS,
  serviceDirManagersSkipReason,
  startServiceDirManager,
  upPidOf,
  writeService,
  type ManagerKind,
  type ServiceDirInstance,
} from '../../support/serviceDirManagers.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { alarmOf, historyOf, registerProcess, setAlarm } from '../../support/faultKit.js';
import { chmodSync } from 'node:fs';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.skipIf(mariadbSkipReason() ?? serviceDirManagersSkipReason())('auto with daemontools, runit and s6', () => {
  let db: TestDatabase;
  let dir: string;
  let sleeper: Sleeper;
  const managers = new Map<ManagerKind, ServiceDirInstance>();

  beforeAll(async () => {
    db = await createTestDatabase('service_dir_auto');
    dir = await makeTempDir('monitor-svdir-auto-');
    sleeper = makeSleeper(dir, 'auto');
    for (const kind of MANAGER_KINDS) {
      managers.set(
        kind,
        await startServiceDirManager(kind, dir, { [`app-${kind}`]: `exec ${sleeper.binary} 600`, [`open-${kind}`]: `exec ${sleeper.binary} 600` }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const manager of managers.values()) await manager.stop();
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  async function runAgent(file: string, sections: Sections): Promise<{ code: number | null; output: string }> {
    const config = writeAgentConfig({ dir, socket: db.socket, database: db.name, fileName: `${file}.ini`, sections });
    return runAgentToEnd(config, ['--once']);
  }

  it('picks daemontools, runit or s6 by what is in the service directory, and says which', async () => {
    const before = new Map<ManagerKind, number>();
    const sections: Sections = {};
    for (const [i, kind] of MANAGER_KINDS.entries()) {
      const manager = managers.get(kind)!;
      before.set(kind, await manager.waitUp(`app-${kind}`));
      await registerProcess(db, 400 + i, `app-${kind}`, 1);
      sections[`process.app-${kind}`] = { restart_strategy: 'auto', service_dir: manager.serviceDir };
    }
    const run = await runAgent('auto', sections);
    expect(run.code).toBe(0);

    for (const [i, kind] of MANAGER_KINDS.entries()) {
      const manager = managers.get(kind)!;
      const name = `app-${kind}`;
      const at = escape(manager.dirOf(name));
      // The managers tried before this one say why not; the note ends with the one chosen.
      const passed = MANAGER_KINDS.slice(0, i).map((other) => `${at} is no ${other} service, `);
      expect(run.output).toMatch(new RegExp(`RESTART LOG: ${name}: auto: .*${passed.join('')}${kind} service ${at}$`, 'm'));
      expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${name} (strategy: ${kind})`);
      expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${name}`);
      expect(upPidOf(manager.status(name))).not.toBe(before.get(kind));
      expect(await alarmOf(db, 400 + i)).toBe(0);
      const [row] = await db.query<Array<{ strategy: string; outcome: string }>>('SELECT strategy, outcome FROM monitor_restart_history WHERE process_id = ?', [
        400 + i,
      ]);
      expect(row).toEqual({ strategy: kind, outcome: 'success' });
    }
  });

  it('refuses a service directory others can write, found by auto: recorded rejected, nothing run', async () => {
    const runit = managers.get('runit')!;
    const pid = await runit.waitUp('open-runit');
    chmodSync(runit.dirOf('open-runit'), 0o777);
    await registerProcess(db, 410, 'open-runit', 1);
    try {
      const run = await runAgent('auto-open', { 'process.open-runit': { restart_strategy: 'auto', service_dir: runit.serviceDir } });
      expect(run.output).not.toContain('Beginning restart procedure');
      const [history] = await historyOf(db, 410);
      expect(history?.outcome).toBe('rejected');
      expect(history?.reason).toContain(`${runit.dirOf('open-runit')} is owned by root but writable by group or others (mode 0777)`);
      expect(history?.reason).toContain('so the agent does not restart it with runit');
      expect(upPidOf(runit.status('open-runit'))).toBe(pid);
    } finally {
      await setAlarm(db, 410, 0);
    }
  });

  it('says why none applies when a service directory has never been supervised', async () => {
    const unscanned = path.join(dir, 'unscanned');
    const at = writeService(unscanned, 'idle', `exec ${sleeper.binary} 600`);
    await registerProcess(db, 411, 'idle', 1);
    try {
      const run = await runAgent('auto-idle', { 'process.idle': { restart_strategy: 'auto', service_dir: unscanned } });
      expect(run.code).toBe(1);
      const [history] = await historyOf(db, 411);
      expect(history?.outcome).toBe('failure');
      for (const kind of MANAGER_KINDS) expect(history?.reason).toContain(`${at} is no ${kind} service: nothing has supervised it (no supervise/ directory)`);
      expect(history?.reason).toMatch(/and no start_command for the process strategy; set restart_strategy and start_command in \[process\.idle\]$/);
    } finally {
      await setAlarm(db, 411, 0);
    }
  });
});
