// The shipped unit file driving the installed agent under a private systemd
// user manager: start, reload, restart and stop work; output reaches the
// unit's stdout; a config error (exit 78) is not restarted; and a process the
// agent started with the `process` strategy through systemd-run survives the
// agent's unit being restarted and stopped, while one merely detached dies
// with it (KillMode=control-group), which is why systemd-run is used.
import { mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { isGone } from '../support/processes.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { startUserManager, systemdUserSkipReason, type UserManager } from '../support/systemdUser.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { REPO_ROOT, ensureBuilt, runScript } from './installTree.js';

const UNIT = 'monitor_service.service';
const skipReason = systemdUserSkipReason() ?? mariadbSkipReason();

describe.skipIf(skipReason)('monitor_service.service under a private systemd user manager', () => {
  let destdir: string;
  let dir: string;
  let manager: UserManager;
  let db: TestDatabase;
  let configFile: string;
  let stdoutFile: string;
  let keeper: Sleeper; // started through systemd-run: must outlive the unit
  let detached: Sleeper; // started in a detached session: dies with the unit
  const KEEPER_ID = 201;
  const DETACHED_ID = 202;

  beforeAll(async () => {
    await ensureBuilt();
    destdir = await makeTempDir('monitor-unit-install-');
    dir = await makeTempDir('monitor-unit-run-');
    const installed = await runScript('install.sh', destdir, { NODE: process.execPath });
    expect(installed.exitCode, installed.stderr).toBe(0);

    db = await createTestDatabase('systemd_unit');
    keeper = makeSleeper(dir, 'keep');
    detached = makeSleeper(dir, 'dtch');
    for (const [id, sleeper] of [
      [KEEPER_ID, keeper],
      [DETACHED_ID, detached],
    ] as const) {
      await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, 0, 0, ?)', [id, 'unit test']);
      await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, sleeper.name]);
    }
    configFile = writeConfig();
    stdoutFile = path.join(dir, 'unit-stdout.log');

    manager = await startUserManager();
    await manager.writeUnit(UNIT, await unitForUserManager());
  }, 120_000);

  afterAll(async () => {
    await manager?.stop(); // kills the agent and every scope it created
    await keeper?.killAll();
    await detached?.killAll();
    await db?.close();
    if (destdir) await removeTempDir(destdir);
    if (dir) await removeTempDir(dir);
  });

  function writeConfig(extra: Record<string, Record<string, string | number>> = {}): string {
    const processSection = (launcher: string, sleeper: Sleeper) => ({
      restart_strategy: 'process',
      start_command: sleeper.startCommand,
      process_launcher: launcher,
      systemd_scope: 'user',
    });
    return writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        [`process.${keeper.name}`]: processSection('systemd-run', keeper),
        [`process.${detached.name}`]: processSection('detach', detached),
        ...extra,
      },
    });
  }

  /**
   * The shipped unit, changed only where a private user manager needs it:
   * ExecStart and ExecReload's check run the installed tree in the DESTDIR (the
   * wrapper's own exec line, its node flags too, with the DESTDIR prefix) on the test's config, and
   * output goes to a file because the private manager has no journald to write to.
   */
  async function unitForUserManager(): Promise<string> {
    const wrapper = await readFile(path.join(destdir, 'usr/local/bin/monitor_service'), 'utf8');
    // exec NODE [node flags] ENTRY "$@"
    const exec = /^exec (\S+) ((?:--\S+ )*)(\S+) "\$@"$/m.exec(wrapper);
    if (!exec) throw new Error(`unexpected wrapper:\n${wrapper}`);
    const installed = '/usr/local/bin/monitor_service --config /opt/monitor_service/config.ini';
    const shipped = await readFile(path.join(destdir, 'etc/systemd/system', UNIT), 'utf8');
    expect(shipped.split(installed)).toHaveLength(3); // ExecStart, and ExecReload's check
    const changed = shipped
      .split(installed)
      .join(`${exec[1]} ${exec[2]}${destdir}${exec[3]} --config ${configFile}`)
      .replace(/^StandardOutput=journal$/m, `StandardOutput=append:${stdoutFile}`)
      .replace(/^StandardError=journal$/m, `StandardError=append:${stdoutFile}`);
    expect(changed.match(/append:/g)).toHaveLength(2);
    return changed;
  }

  const output = () => readFile(stdoutFile, 'utf8').catch(() => '');
  const waitForOutput = (pattern: RegExp, count = 1) =>
    waitFor(output, {
      what: `unit output ${pattern} (${count}x)`,
      until: (text) => (text.match(new RegExp(pattern, 'g')) ?? []).length >= count,
      timeoutMs: 20_000,
    });
  const show = async (...properties: string[]) => {
    const { stdout } = await manager.systemctl('show', ...properties.map((p) => `--property=${p}`), '--', UNIT);
    return Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    ) as Record<string, string>;
  };
  const waitForState = (state: string) =>
    waitFor(() => show('ActiveState'), { what: `${UNIT} to be ${state}`, until: (s) => s.ActiveState === state, timeoutMs: 20_000 });
  const cgroupOf = async (pid: number) => readFile(`/proc/${pid}/cgroup`, 'utf8');
  const occurrences = async (pattern: RegExp) => ((await output()).match(new RegExp(pattern, 'g')) ?? []).length;

  // Each test brings the unit and the sleepers to the state it starts from, so that it
  // passes alone (`-t`) as well as after the others.
  // Type=notify: active once the agent said READY=1, after its first poll (logged at DEBUG):
  // it has its signal handlers and is at work.
  const POLL = /Database check: \d+ process/;
  async function ensureRunning(): Promise<void> {
    if ((await show('ActiveState')).ActiveState === 'active') return;
    await manager.systemctl('reset-failed', UNIT);
    const polls = await occurrences(POLL);
    const started = await manager.systemctl('start', UNIT);
    expect(started.exitCode, started.stderr).toBe(0);
    await waitForState('active');
    await waitForOutput(POLL, polls + 1);
  }

  /** Raises both alarms and waits until the running agent has cleared them. */
  async function restartBothThroughAgent(): Promise<void> {
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (?, ?)', [KEEPER_ID, DETACHED_ID]);
    await waitFor(
      async () =>
        db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE alarma = 1 AND process_id IN (?, ?)', [KEEPER_ID, DETACHED_ID]),
      {
        what: 'both alarms to be cleared',
        until: (rows) => Number(rows[0]?.n) === 0,
        timeoutMs: 30_000,
      },
    );
  }

  /** The agent running, and one keeper and one detached sleeper started by it. */
  async function ensureSleepersRunning(): Promise<void> {
    await ensureRunning();
    if (keeper.pids().length !== 1 || detached.pids().length !== 1) await restartBothThroughAgent();
  }

  it('systemctl start runs the agent, and its log lines reach the unit output', async () => {
    await manager.systemctl('stop', UNIT);
    const starts = await occurrences(/ - INFO - Starting Process Monitor Service/);
    const started = await manager.systemctl('start', UNIT);
    expect(started.exitCode, started.stderr).toBe(0);
    await waitForState('active');
    await waitForOutput(/ - INFO - Starting Process Monitor Service/, starts + 1);
  });

  it('restarts processes in alarm: via systemd-run into a scope of their own, or detached inside the unit', async () => {
    await ensureRunning();
    await restartBothThroughAgent();
    expect(keeper.pids()).toHaveLength(1);
    expect(detached.pids()).toHaveLength(1);
    expect(await cgroupOf(keeper.pids()[0]!)).toMatch(/\/monitor_service-restart-\d+-\d+\.scope$/m);
    expect(await cgroupOf(detached.pids()[0]!)).toMatch(new RegExp(`/${UNIT.replace('.', '\\.')}$`, 'm'));
    await waitForOutput(new RegExp(`RESTART LOG: Successfully restarted and verified service: ${keeper.name}`));

    // A cgroup of its own, not a sandbox of its own: the scope's process shares the
    // agent's mount namespace (the unit's ProtectSystem=full applies to it, which is
    // why the unit's hardening is kept to what no daemon trips over).
    const mountNs = (pid: number) => readlink(`/proc/${pid}/ns/mnt`);
    const agentNs = await mountNs(await manager.mainPid(UNIT));
    expect(await mountNs(keeper.pids()[0]!)).toBe(agentNs);
    expect(await mountNs(manager.pid)).not.toBe(agentNs);
  });

  it('systemctl reload makes the running agent re-read its config (SIGHUP), without a restart', async () => {
    await ensureRunning();
    const reloads = await occurrences(/Configuration reloaded from /);
    const before = await manager.mainPid(UNIT);
    const reloaded = await manager.systemctl('reload', UNIT);
    expect(reloaded.exitCode, reloaded.stderr).toBe(0);
    await waitForOutput(/Configuration reloaded from /, reloads + 1);
    expect(await manager.mainPid(UNIT)).toBe(before);
    // RELOADING=1 then READY=1 from the agent: reloading for a moment, then active again.
    await waitForState('active');
  });

  it('Type=notify: active once the agent is ready, with a one-line status and a watchdog', async () => {
    await manager.systemctl('stop', UNIT);
    const started = await manager.systemctl('start', UNIT); // returns once READY=1 arrived
    expect(started.exitCode, started.stderr).toBe(0);
    const state = await show('ActiveState', 'SubState', 'Type', 'NotifyAccess', 'WatchdogUSec');
    expect(state).toEqual({ ActiveState: 'active', SubState: 'running', Type: 'notify', NotifyAccess: 'main', WatchdogUSec: '30s' });
    const status = await waitFor(() => show('StatusText'), { what: 'a status text', until: (s) => s.StatusText !== '' });
    expect(status.StatusText).toMatch(/^\d+ in alarm, \d+ breakers? open$/);

    // The status follows the alarms.
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (299, 1, 0, NULL)'); // unregistered: stays in alarm
    try {
      await waitFor(() => show('StatusText'), { what: 'the status to count the alarm', until: (s) => s.StatusText === '1 in alarm, 0 breakers open' });
    } finally {
      await db.query('DELETE FROM STATUS_PROCESS WHERE process_id = 299');
    }
  });

  it('systemctl reload refuses an invalid configuration: it fails with the reason, the agent runs on unchanged', async () => {
    await ensureRunning();
    const before = await manager.mainPid(UNIT);
    const reloads = await occurrences(/Configuration reloaded from /);
    const good = await readFile(configFile, 'utf8');
    try {
      await writeFile(configFile, good.replace(/^check_interval = .*$/m, 'check_interval = soon'));
      const reloaded = await manager.systemctl('reload', UNIT);
      expect(reloaded.exitCode).not.toBe(0);
      await waitForOutput(/\[monitor\] check_interval.*soon/);
    } finally {
      await writeFile(configFile, good, { mode: 0o600 });
    }
    expect(await manager.mainPid(UNIT)).toBe(before);
    expect((await show('ActiveState')).ActiveState).toBe('active');
    expect(await occurrences(/Configuration reloaded from /)).toBe(reloads); // the agent never got the bad file
  });

  it('the watchdog restarts an agent whose event loop stopped (SIGSTOP, WatchdogSec=2 in a drop-in)', async () => {
    const dropIn = path.join(manager.unitDir, `${UNIT}.d`, 'watchdog.conf');
    await mkdir(path.dirname(dropIn), { recursive: true });
    await writeFile(dropIn, '[Service]\nWatchdogSec=2\nRestartSec=0.2\n');
    try {
      await manager.systemctl('daemon-reload');
      await manager.systemctl('restart', UNIT);
      await waitForState('active');
      const stuck = await manager.mainPid(UNIT);
      const restartsBefore = Number((await show('NRestarts')).NRestarts);
      // Still alive after two watchdog periods: the pings arrive.
      await new Promise((resolve) => setTimeout(resolve, 4500));
      expect(await manager.mainPid(UNIT)).toBe(stuck);

      process.kill(stuck, 'SIGSTOP');
      const after = await waitFor(() => show('NRestarts', 'ActiveState'), {
        what: 'systemd to restart the stopped agent',
        until: (s) => Number(s.NRestarts) > restartsBefore && s.ActiveState === 'active',
        timeoutMs: 30_000,
      });
      expect(after.ActiveState).toBe('active');
      expect(await manager.mainPid(UNIT)).not.toBe(stuck);
      expect(await output()).toMatch(/Starting Process Monitor Service/);
    } finally {
      await rm(dropIn, { force: true });
      await manager.systemctl('daemon-reload');
      await manager.systemctl('restart', UNIT);
    }
  }, 60_000);

  it('systemctl restart: a new agent, the systemd-run process lives on, the detached one is gone', async () => {
    await ensureSleepersRunning();
    const starts = await occurrences(/ - INFO - Starting Process Monitor Service/);
    const polls = await occurrences(POLL);
    const agentBefore = await manager.mainPid(UNIT);
    const [keeperPid] = keeper.pids();
    const [detachedPid] = detached.pids();

    const restarted = await manager.systemctl('restart', UNIT);
    expect(restarted.exitCode, restarted.stderr).toBe(0);
    await waitForState('active');
    await waitForOutput(/ - INFO - Starting Process Monitor Service/, starts + 1);
    await waitForOutput(POLL, polls + 1);
    expect(await manager.mainPid(UNIT)).not.toBe(agentBefore);

    expect(keeper.pids()).toEqual([keeperPid]);
    await waitFor(() => isGone(detachedPid!), { what: `detached process ${detachedPid} to be killed with the unit` });
  });

  it('systemctl stop drains and exits 0; the systemd-run process still lives', async () => {
    await ensureSleepersRunning();
    const stops = await occurrences(/Process Monitor Service stopped/);
    const [keeperPid] = keeper.pids();
    const stopped = await manager.systemctl('stop', UNIT);
    expect(stopped.exitCode, stopped.stderr).toBe(0);
    const state = await show('ActiveState', 'Result', 'ExecMainStatus');
    expect(state).toEqual({ ActiveState: 'inactive', Result: 'success', ExecMainStatus: '0' });
    await waitForOutput(/Process Monitor Service stopped/, stops + 1);
    expect(keeper.pids()).toEqual([keeperPid]);
  });

  it('does not restart after a configuration error (exit 78, RestartPreventExitStatus)', async () => {
    await manager.systemctl('stop', UNIT);
    const good = await readFile(configFile, 'utf8');
    try {
      await writeFile(configFile, good.replace(/^check_interval = .*$/m, 'check_interval = soon'));
      await manager.systemctl('start', UNIT); // the agent exits 78 before READY=1: the start job fails
      // systemd decides at the exit: a scheduled restart shows as activating/auto-restart
      // (for RestartSec), never as failed. So reaching failed/failed is the decision not to restart.
      const states = new Set<string>();
      const final = await waitFor(() => show('ActiveState', 'SubState', 'ExecMainStatus', 'NRestarts'), {
        what: `${UNIT} to fail with status 78`,
        until: (s) => {
          states.add(`${s.ActiveState}/${s.SubState}`);
          return s.ActiveState === 'failed' && s.ExecMainStatus === '78';
        },
        timeoutMs: 20_000,
        intervalMs: 20,
      });
      expect(final).toEqual({ ActiveState: 'failed', SubState: 'failed', ExecMainStatus: '78', NRestarts: '0' });
      expect([...states].filter((state) => state.includes('auto-restart'))).toEqual([]);
      expect(await output()).toMatch(/check_interval/);
    } finally {
      await writeFile(configFile, good, { mode: 0o600 });
      await manager.systemctl('reset-failed', UNIT);
    }
  }, 60_000);

  it('is the unit file from the repository', async () => {
    const shipped = await readFile(path.join(REPO_ROOT, UNIT), 'utf8');
    expect(await readFile(path.join(destdir, 'etc/systemd/system', UNIT), 'utf8')).toBe(shipped);
  });
});
