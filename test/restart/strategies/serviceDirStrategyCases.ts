// The daemontools, runit and s6 strategies end to end, one manager per test file
// (daemontoolsStrategy.test.ts, runitStrategy.test.ts, s6Strategy.test.ts): the built
// agent restarts a service of a private manager (svscan, runsvdir, s6-svscan on a temp
// service_dir) and the manager's own status shows the new process; a crash loop, the
// manager down, an unknown service, hostile names and unsafe directories end as the
// docs say, in the manager's words.
import { chmodSync, chownSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, writeAgentConfig, type Sections } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import {
  serviceDirManagersSkipReason,
  startServiceDirManager,
  upPidOf,
  writeService,
  type ManagerKind,
  type ServiceDirInstance,
} from '../../support/serviceDirManagers.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { alarmOf, historyOf, registerProcess, setAlarm } from '../../support/faultKit.js';

const NOBODY = 65534;

/** What differs between the managers in these cases. */
export interface ManagerExpectations {
  /** The reason of a crash loop's failure holds the manager's own state, e.g. svstat's "up (pid N) 0 seconds" or "want up". */
  crashLoop: RegExp;
  /** Words of the manager whose supervisor is gone (kill -9). */
  supervisorGone: string;
  /** How the manager names a supervisor that never ran, if it tells that apart. */
  neverSupervised: string;
  /** runit's sv restart brings back a service stopped on purpose; svc -t and s6-svc -r do not. */
  startsStopped: boolean;
  /** What the reason says of a process that ignores SIGTERM (PID `pid` in `dir` keeps running). */
  ignoredTerm: (pid: number, dir: string) => string;
  /** The command that stops a service on purpose. */
  stopCommand: (dir: string) => string[];
}

export function describeServiceDirStrategy(kind: ManagerKind, expected: ManagerExpectations): void {
  describe.skipIf(mariadbSkipReason() ?? serviceDirManagersSkipReason())(`${kind} strategy (private ${kind})`, () => {
    let db: TestDatabase;
    let dir: string;
    let manager: ServiceDirInstance;
    /** Its scanner and supervisors killed before the tests: the manager itself is down. */
    let downManager: ServiceDirInstance;
    /** A service_dir no scanner ever looked at. */
    let unscanned: string;
    let sleeper: Sleeper;

    beforeAll(async () => {
      db = await createTestDatabase(`${kind}_strategy`);
      dir = await makeTempDir(`monitor-${kind}-`);
      // One copy of sleep, under a name no service has: pgrep SERVICE finds nothing.
      sleeper = makeSleeper(dir, 'svd');
      const run = `exec ${sleeper.binary} 600`;
      manager = await startServiceDirManager(kind, dir, {
        web: run,
        worker: run,
        crashy: 'echo crashing >&2; exit 3',
        flappy: `exec ${sleeper.binary} 0.4`,
        stubborn: `trap '' TERM; exec ${sleeper.binary} 600`,
        held: run,
        opendir: run,
        openrun: run,
        planted: run,
      });
      downManager = await startServiceDirManager(kind, path.join(dir, 'down'), { orphaned: run });
      await downManager.waitUp('orphaned');
      await downManager.stop();
      unscanned = path.join(dir, 'unscanned');
      writeService(unscanned, 'never', run);
    }, 60_000);

    afterAll(async () => {
      await manager?.stop();
      await downManager?.stop();
      await sleeper?.killAll();
      await db?.close();
      await removeTempDir(dir);
    });

    /** Runs `monitor_service --once` with this manager's strategy and service_dir for every process. */
    async function runAgent(file: string, processDefaults: Sections[string] = {}): Promise<{ code: number | null; output: string }> {
      const config = writeAgentConfig({
        dir,
        socket: db.socket,
        database: db.name,
        fileName: `${file}.ini`,
        sections: { 'process.default': { restart_strategy: kind, service_dir: manager.serviceDir, ...processDefaults } },
      });
      return runAgentToEnd(config, ['--once']);
    }

    /** The alarm this test leaves set is put away, so that the next --once run does not handle it again. */
    async function putAway(id: number): Promise<void> {
      await setAlarm(db, id, 0);
    }

    it('restarts a running service: a new pid in the manager’s status, alarm cleared, history success', async () => {
      const before = await manager.waitUp('web');
      await registerProcess(db, 201, 'web', 1);
      const run = await runAgent('restart');

      expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for web (strategy: ${kind})`);
      expect(run.output).toContain('RESTART LOG: Successfully restarted and verified service: web');
      expect(run.code).toBe(0);
      const after = upPidOf(manager.status('web'));
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(await alarmOf(db, 201)).toBe(0);
      const [history] = await historyOf(db, 201);
      expect(history).toMatchObject({ outcome: 'success', attempts: 1 });
      expect(history?.reason).toContain('health check passed');
      const [row] = await db.query<Array<{ strategy: string }>>('SELECT strategy FROM monitor_restart_history WHERE process_id = 201');
      expect(row?.strategy).toBe(kind);
    });

    it("verifies a service whose process has another name by the manager's state, with the default health check", async () => {
      const before = await manager.waitUp('worker');
      // The default `pgrep %s` would look for a process named "worker": there is none.
      expect(spawnSync('pgrep', ['-x', 'worker']).status).toBe(1);
      await registerProcess(db, 207, 'worker', 1);
      const run = await runAgent('renamed', { health_check_command: 'pgrep %s' });

      expect(run.output).toContain('RESTART LOG: Successfully restarted and verified service: worker');
      expect(run.code).toBe(0);
      expect(upPidOf(manager.status('worker'))).not.toBe(before);
      const [history] = await historyOf(db, 207);
      expect(history?.outcome).toBe('success');
    });

    it("fails a crash loop with the manager's state in the reason, and keeps the alarm", async () => {
      await registerProcess(db, 202, 'crashy', 1);
      const run = await runAgent('crash', { health_check_timeout: 3, max_attempts: 2 });

      expect(run.code).toBe(1);
      expect(await alarmOf(db, 202)).toBe(1);
      const [history] = await historyOf(db, 202);
      expect(history).toMatchObject({ outcome: 'failure', attempts: 2 });
      expect(history?.reason).toMatch(expected.crashLoop);
      await putAway(202);
    });

    it("counts the manager's own restarts toward flapping: one procedure opens the breaker", async () => {
      // Lives 0.4 s, and the manager starts it again: never up a whole second, never healthy.
      await registerProcess(db, 209, 'flappy', 1);
      const run = await runAgent('flappy', { health_check_timeout: 8, max_attempts: 1, flap_threshold: 2, stable_time: 3 });

      expect(run.code).toBe(1);
      expect(run.output).toMatch(/Flapping detected for flappy: \d+ restarts in 300 s/);
      expect(run.output).toContain('Circuit breaker opened for flappy');
      const [history] = await historyOf(db, 209);
      expect(history?.outcome).toBe('failure');
      const counted = /^flapping: (\d+) restarts in 300 s \((\d+) of them by its service manager\), circuit breaker opened; /.exec(history?.reason ?? '');
      expect(counted, history?.reason ?? '').not.toBeNull();
      expect(Number(counted![2])).toBeGreaterThanOrEqual(1);
      expect(Number(counted![1])).toBe(Number(counted![2]) + 1);
      expect(history?.reason).toMatch(/\d+ processes seen since the restart: it keeps exiting/);
      const [breaker] = await db.query<Array<{ state: string }>>('SELECT state FROM monitor_circuit_breaker WHERE process_id = 209');
      expect(breaker?.state).toBe('open');
      await putAway(209);
    }, 60_000);

    it('fails a process that ignores SIGTERM: the same PID is no restart', async () => {
      const pid = await manager.waitUp('stubborn');
      await registerProcess(db, 208, 'stubborn', 1);
      const run = await runAgent('stubborn', { health_check_timeout: 2, max_attempts: 1 });

      expect(run.code).toBe(1);
      const [history] = await historyOf(db, 208);
      expect(history?.outcome).toBe('failure');
      expect(history?.reason).toContain(expected.ignoredTerm(pid, manager.dirOf('stubborn')));
      expect(upPidOf(manager.status('stubborn'))).toBe(pid);
      await putAway(208);
    });

    it('says the manager itself is down: its supervisor is gone, or never ran', async () => {
      await registerProcess(db, 203, 'orphaned', 1);
      const gone = await runAgent('gone', { service_dir: downManager.serviceDir, max_attempts: 1 });
      expect(gone.code).toBe(1);
      const [goneHistory] = await historyOf(db, 203);
      expect(goneHistory?.outcome).toBe('failure');
      expect(goneHistory?.reason).toContain(expected.supervisorGone);
      expect(goneHistory?.reason).toContain(
        `no ${supervisorOf(kind)} runs for ${downManager.dirOf('orphaned')} (is ${scannerOf(kind)} running on ${downManager.serviceDir}?)`,
      );
      await putAway(203);

      await registerProcess(db, 204, 'never', 1);
      const never = await runAgent('never', { service_dir: unscanned, max_attempts: 1 });
      expect(never.code).toBe(1);
      const [neverHistory] = await historyOf(db, 204);
      expect(neverHistory?.reason).toContain(expected.neverSupervised);
      expect(neverHistory?.reason).toContain(`no ${supervisorOf(kind)} runs for ${path.join(unscanned, 'never')}`);
      expect(await alarmOf(db, 204)).toBe(1);
      await putAway(204);
    });

    it('fails an unknown service, saying there is no such directory', async () => {
      await registerProcess(db, 205, 'nosuch', 1);
      const run = await runAgent('unknown', { max_attempts: 1 });
      expect(run.code).toBe(1);
      const [history] = await historyOf(db, 205);
      expect(history?.outcome).toBe('failure');
      expect(history?.reason).toBe(`attempt 1: no service directory ${manager.dirOf('nosuch')}: no such ${kind} service in ${manager.serviceDir}`);
      await putAway(205);
    });

    it('refuses hostile names and service directories others could change: recorded rejected, nothing run', async () => {
      const pids = Object.fromEntries(await Promise.all(['opendir', 'openrun', 'planted'].map(async (name) => [name, await manager.waitUp(name)] as const)));
      chmodSync(manager.dirOf('opendir'), 0o777);
      chownSync(path.join(manager.dirOf('openrun'), 'run'), NOBODY, NOBODY);
      // planted: a link in service_dir to a directory a user owns (the real one is moved away).
      const userHome = path.join(dir, 'home');
      mkdirSync(userHome, { mode: 0o755 });
      chownSync(userHome, NOBODY, NOBODY);
      const plantedTarget = path.join(userHome, 'planted');
      spawnSync('mv', [manager.dirOf('planted'), plantedTarget]);
      symlinkSync(plantedTarget, manager.dirOf('planted'));
      const hostile = ['../down/orphaned', '.s6-svscan', '-t', 'a/b'];
      const rows = [...['opendir', 'openrun', 'planted'], ...hostile];
      for (const [i, name] of rows.entries()) await registerProcess(db, 300 + i, name, 1);
      try {
        const run = await runAgent('hostile');
        expect(run.code).toBe(1);
        for (const [i] of rows.entries()) {
          const [history] = await historyOf(db, 300 + i);
          expect(history?.outcome, rows[i]).toBe('rejected');
          expect(await alarmOf(db, 300 + i)).toBe(1);
        }
        const reasonOf = async (id: number) => (await historyOf(db, id))[0]?.reason ?? '';
        expect(await reasonOf(300)).toContain(`${manager.dirOf('opendir')} is owned by root but writable by group or others (mode 0777)`);
        expect(await reasonOf(301)).toContain(`${manager.dirOf('openrun')}/run is owned by uid ${NOBODY}, not root`);
        expect(await reasonOf(302)).toContain(`its directory ${userHome} is owned by uid ${NOBODY}, not root`);
        for (const reason of [await reasonOf(300), await reasonOf(301), await reasonOf(302)]) {
          expect(reason).toContain(`the agent does not restart it with ${kind}`);
        }
        expect(run.output).not.toContain('Beginning restart procedure');
        // Nothing was sent: the same processes still run.
        for (const name of ['opendir', 'openrun']) expect(upPidOf(manager.status(name))).toBe(pids[name]);
      } finally {
        for (const [i] of rows.entries()) await putAway(300 + i);
      }
    });

    it(
      expected.startsStopped
        ? 'brings back a service stopped on purpose, as sv restart does (sv(8): term, cont, up)'
        : 'does not start a service stopped on purpose, and says what would',
      async () => {
        await manager.waitUp('held');
        const [file, ...args] = expected.stopCommand(manager.dirOf('held'));
        expect(spawnSync(file!, args).status).toBe(0);
        await waitForDown(manager, 'held');
        await registerProcess(db, 206, 'held', 1);
        const run = await runAgent('held', { max_attempts: 1 });
        const [history] = await historyOf(db, 206);
        if (expected.startsStopped) {
          expect(run.code).toBe(0);
          expect(history?.outcome).toBe('success');
          expect(upPidOf(manager.status('held'))).toBeDefined();
        } else {
          expect(run.code).toBe(1);
          expect(history?.outcome).toBe('failure');
          expect(history?.reason).toContain('stopped on purpose');
          expect(history?.reason).toContain(`-u ${manager.dirOf('held')} does`);
          expect(upPidOf(manager.status('held'))).toBeUndefined();
          await putAway(206);
        }
      },
    );
  });
}

function supervisorOf(kind: ManagerKind): string {
  return { daemontools: 'supervise', runit: 'runsv', s6: 's6-supervise' }[kind];
}

function scannerOf(kind: ManagerKind): string {
  return { daemontools: 'svscan', runit: 'runsvdir', s6: 's6-svscan' }[kind];
}

async function waitForDown(manager: ServiceDirInstance, name: string): Promise<void> {
  await waitFor(() => manager.status(name), { what: `${name} to be down`, until: (line) => upPidOf(line) === undefined && /down/.test(line) });
}
