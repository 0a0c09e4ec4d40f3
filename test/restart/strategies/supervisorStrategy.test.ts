// The supervisor strategy end to end: the built agent (--once), a real private supervisord
// (test/support/supervisord.ts) that the agent reaches through supervisor_config, real
// programs. What counts is supervisord's own view (pids, states), the history rows, the
// alarms and the log lines. Every supervisorctl the agent runs is traced by a wrapper
// first on its PATH, so "nothing else was run" is checked, not assumed.
import { execa } from 'execa';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, runAgentToEnd, writeAgentConfig, type Sections } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { startSupervisord, supervisordSkipReason, type Supervisord } from '../../support/supervisord.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { alarmOf, historyOf, registerProcess } from '../../support/faultKit.js';

/** A unique suffix: program names must not meet anything else on the host (a systemd unit, a process). */
const tag = Math.random().toString(36).slice(2, 7);
const names = {
  web: `web_${tag}`,
  group: `grp_${tag}`,
  crash: `crash_${tag}`,
  colour: `colour_${tag}`,
  redirected: `redir_${tag}`,
  python: `pywork_${tag}`,
  auto: `autop_${tag}`,
  agent: `msagent_${tag}`,
};
const CRASH_MESSAGE = `${names.crash}: cannot open /etc/${names.crash}.conf: No such file or directory`;

describe.skipIf(mariadbSkipReason() ?? supervisordSkipReason())('supervisor strategy (private supervisord)', () => {
  let db: TestDatabase;
  let dir: string;
  let sup: Supervisord;
  let trace: string;
  let bin: string;
  const extra: Supervisord[] = [];
  const registered: number[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('supervisor_strategy');
    dir = await makeTempDir('monitor-sup-test-');
    bin = path.join(dir, 'bin');
    trace = path.join(dir, 'supervisorctl.log');
    await execa('mkdir', ['-p', bin]);
    writeFileSync(path.join(bin, 'supervisorctl'), `#!/bin/sh\necho "$*" >> '${trace}'\nexec /usr/bin/supervisorctl "$@"\n`);
    chmodSync(path.join(bin, 'supervisorctl'), 0o755);
    sup = await startSupervisord({
      programs: {
        [names.web]: { command: '/bin/sleep 1000' },
        ga: { command: '/bin/sleep 1000' },
        gb: { command: '/bin/sleep 1000' },
        // Exits at once: BACKOFF, one retry, then FATAL (supervisord's startretries, startsecs).
        [names.crash]: { command: `/bin/sh -c "echo '${CRASH_MESSAGE}' >&2; exit 3"`, startretries: 1, startsecs: 1, autostart: false },
        // stderr into the stdout log (redirect_stderr): no stderr log of its own.
        [names.redirected]: {
          command: `/bin/sh -c "echo '${names.redirected}: database refused the connection' >&2; exit 3"`,
          redirect_stderr: 'true',
          startretries: 1,
          startsecs: 1,
          autostart: false,
        },
        [names.colour]: {
          command: `/bin/sh -c "printf '\\033[31mERROR\\033[0m config broken\\n' >&2; exit 3"`,
          startretries: 1,
          startsecs: 1,
          autostart: false,
        },
        // Its process is python3: no process is named after the program.
        [names.python]: { command: `python3 -c "import time; time.sleep(1000)"` },
        [names.auto]: { command: '/bin/sleep 1000' },
      },
      groups: { [names.group]: ['ga', 'gb'] },
    });
  });
  afterEach(async () => {
    // Alarms a test leaves set (its failures) must not reach the next test's agent.
    if (registered.length > 0) await db.query(`UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id IN (${registered.join(',')})`);
    if (existsSync(trace)) writeFileSync(trace, '');
  });
  afterAll(async () => {
    for (const other of extra) await other.stop();
    await sup?.stop();
    await db?.close();
    await removeTempDir(dir);
  });

  async function raise(id: number, name: string): Promise<void> {
    registered.push(id);
    await registerProcess(db, id, name, 1);
  }

  function config(fileName: string, sections: Sections): string {
    return writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName,
      sections: { ...sections, 'process.default': { restart_strategy: 'supervisor', supervisor_config: sup.configFile, ...sections['process.default'] } },
    });
  }

  const env = () => ({ PATH: `${bin}:${process.env.PATH}` });
  const traced = () => (existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n').filter(Boolean) : []);

  async function pidsOf(programs: string[]): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(programs.map(async (p) => [p, (await sup.status(p)).pid] as const)));
  }

  it('restarts a RUNNING program and a group:name one: new pids, alarms cleared, history success with strategy supervisor', async () => {
    const member = `${names.group}:ga`;
    const before = await pidsOf([names.web, member, `${names.group}:gb`, names.python]);
    await raise(401, names.web);
    await raise(402, member);
    const run = await runAgentToEnd(config('restart.ini', {}), ['--once'], env());
    expect(run.code, run.output).toBe(0);

    const after = await pidsOf([names.web, member, `${names.group}:gb`, names.python]);
    for (const program of [names.web, member]) {
      expect(after[program], program).toBeGreaterThan(0);
      expect(after[program], program).not.toBe(before[program]);
      expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${program} (strategy: supervisor)`);
      expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${program}`);
    }
    // The other member of the group, and everything else, untouched.
    expect(after[`${names.group}:gb`]).toBe(before[`${names.group}:gb`]);
    expect(after[names.python]).toBe(before[names.python]);
    for (const id of [401, 402]) {
      expect(await alarmOf(db, id)).toBe(0);
      const [row] = await historyOf(db, id);
      expect(row).toMatchObject({ outcome: 'success', attempts: 1 });
    }
    const strategies = await db.query<Array<{ strategy: string }>>('SELECT strategy FROM monitor_restart_history WHERE process_id IN (401, 402)');
    expect(strategies.map((r) => r.strategy)).toEqual(['supervisor', 'supervisor']);
    expect((await historyOf(db, 402))[0]?.reason).toMatch(
      new RegExp(`^supervisorctl restart ${member}: ${member}: stopped \\| ${member}: started; health check passed`),
    );
    expect(traced()).toEqual(expect.arrayContaining([`-c ${sup.configFile} restart ${names.web}`, `-c ${sup.configFile} restart ${member}`]));
  });

  it('a crash loop ends FATAL: the attempt fails with the state and the end of the stderr log, escaped; alarm kept', async () => {
    await raise(411, names.crash);
    await raise(412, names.colour);
    await raise(413, names.redirected);
    const run = await runAgentToEnd(config('crash.ini', { 'process.default': { max_attempts: 1 } }), ['--once'], env());
    expect(run.code, run.output).toBe(1);

    expect((await sup.status(names.crash)).state).toBe('FATAL');
    const [crash] = await historyOf(db, 411);
    expect(crash?.outcome).toBe('failure');
    expect(crash?.reason).toContain(`supervisorctl restart ${names.crash}: `);
    expect(crash?.reason).toContain(`supervisorctl status: ${names.crash} FATAL Exited too quickly (process log may have details)`);
    expect(crash?.reason).toMatch(new RegExp(`stderr log ends: ${CRASH_MESSAGE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( \\(\\d+ times\\))?$`));
    expect(run.output).toContain(`RESTART LOG: Restart command failed for ${names.crash}: `);
    expect(run.output).toContain(`RESTART LOG: Giving up on ${names.crash} after 1 attempt(s): `);

    // A coloured log: supervisorctl's XML-RPC cannot carry ESC; the end of the log comes all the same, escaped.
    const [colour] = await historyOf(db, 412);
    expect(colour?.outcome).toBe('failure');
    expect(colour?.reason).toContain(`supervisorctl status: ${names.colour} FATAL Exited too quickly (process log may have details)`);
    expect(colour?.reason).toMatch(/stderr log ends: \\u001b\[31mERROR\\u001b\[0m config broken/);
    expect(run.output).not.toContain('\u001b');

    // Its stderr went to the stdout log: that one is shown, and says so.
    const [redirected] = await historyOf(db, 413);
    expect(redirected?.outcome).toBe('failure');
    expect(redirected?.reason).toMatch(
      new RegExp(`FATAL Exited too quickly \\(process log may have details\\); stdout log ends: ${names.redirected}: database refused the connection`),
    );
    for (const id of [411, 412, 413]) expect(await alarmOf(db, id)).toBe(1);
  });

  it('supervisord down (killed, or never started): a clear reason, nothing but the one supervisorctl call per attempt', async () => {
    const dead = await startSupervisord({ programs: { [names.web]: { command: '/bin/sleep 1000' } } });
    extra.push(dead);
    await dead.kill(); // as a crash: the socket file stays, nobody answers
    const neverStarted = path.join(dir, 'never-started.conf');
    writeFileSync(neverStarted, `[supervisorctl]\nserverurl=unix://${path.join(dir, 'never.sock')}\n`, { mode: 0o600 });
    await raise(421, `down_${tag}`);
    await raise(422, `gone_${tag}`);
    await raise(423, `downauto_${tag}`);
    await raise(424, `goneauto_${tag}`);
    const run = await runAgentToEnd(
      config('down.ini', {
        [`process.down_${tag}`]: { supervisor_config: dead.configFile },
        [`process.gone_${tag}`]: { supervisor_config: neverStarted, max_attempts: 1 },
        [`process.downauto_${tag}`]: { supervisor_config: dead.configFile, restart_strategy: 'auto' },
        [`process.goneauto_${tag}`]: { supervisor_config: neverStarted, restart_strategy: 'auto' },
      }),
      ['--once'],
      env(),
    );
    expect(run.code, run.output).toBe(1);

    const refused = `supervisord is not running or not answering (unix://${dead.socket} refused connection); nothing restarted`;
    expect((await historyOf(db, 421)).map((h) => [h.outcome, h.attempts, h.reason])).toEqual([['failure', 2, `attempt 2: ${refused}`]]);
    expect(run.output).toContain(`RESTART LOG: Restart command failed for down_${tag}: ${refused}`);
    const missing = `supervisord is not running or not answering (unix://${path.join(dir, 'never.sock')} no such file); nothing restarted`;
    expect((await historyOf(db, 422)).map((h) => h.reason)).toEqual([`attempt 1: ${missing}`]);
    // auto says which it found: no unit, supervisord not running; and that nothing else applies.
    expect(run.output).toMatch(
      new RegExp(
        `RESTART LOG: strategy auto cannot restart downauto_${tag}: .*supervisord is not running or not answering \\(unix://\\S+ refused connection\\)`,
      ),
    );
    // No socket at all: plain from the files, supervisorctl is not even started (see the trace).
    expect(run.output).toMatch(
      new RegExp(
        `RESTART LOG: strategy auto cannot restart goneauto_${tag}: .*supervisord is not running or not answering \\(unix://\\S+/never\\.sock no such file\\)`,
      ),
    );
    for (const id of [421, 422, 423, 424]) expect(await alarmOf(db, id)).toBe(1);
    expect(traced().sort()).toEqual(
      [
        `-c ${dead.configFile} restart down_${tag}`,
        `-c ${dead.configFile} restart down_${tag}`,
        `-c ${neverStarted} restart gone_${tag}`,
        `-c ${dead.configFile} status`, // auto's look: one listing of every program
      ].sort(),
    );
  });

  it('an unknown program: the configured strategy fails saying so, auto passes over supervisor and says why', async () => {
    await raise(431, `nosuch_${tag}`);
    await raise(432, `nosuchauto_${tag}`);
    const run = await runAgentToEnd(
      config('unknown.ini', { [`process.nosuch_${tag}`]: { max_attempts: 1 }, [`process.nosuchauto_${tag}`]: { restart_strategy: 'auto' } }),
      ['--once'],
      env(),
    );
    expect(run.code, run.output).toBe(1);
    expect((await historyOf(db, 431)).map((h) => [h.outcome, h.reason])).toEqual([
      ['failure', `attempt 1: supervisord has no program nosuch_${tag} (nosuch_${tag}: ERROR (no such process)); nothing restarted`],
    ]);
    const [auto] = await historyOf(db, 432);
    expect(auto?.outcome).toBe('failure');
    expect(auto?.reason).toContain(`supervisord has no program nosuchauto_${tag}`);
    expect(auto?.reason).toContain(`set restart_strategy and start_command in [process.nosuchauto_${tag}]`);
    for (const id of [431, 432]) expect(await alarmOf(db, id)).toBe(1);
  });

  it('refuses names that reach more than one program (all, a group, wildcards): rejected, nothing restarted, every pid unchanged', async () => {
    const everyone = [names.web, `${names.group}:ga`, `${names.group}:gb`, names.python, names.auto];
    const before = await pidsOf(everyone);
    expect(Object.values(before).every((pid) => pid > 0)).toBe(true);
    const hostile = [
      { id: 441, name: 'all' },
      { id: 442, name: `${names.group}:` },
      { id: 443, name: `${names.group}:*` },
      { id: 444, name: '*' },
      { id: 445, name: 'all all' },
    ];
    for (const row of hostile) await raise(row.id, row.name);
    const allReason =
      'all is what supervisorctl reads as every program (supervisorctl restart all restarts everything supervisord runs); ' +
      'the agent restarts one supervisord program at a time (restart_strategy supervisor and auto)';
    const groupReason =
      `${names.group}: names the whole group ${names.group} (supervisorctl would restart every program in it); ` +
      'the agent restarts one supervisord program at a time (restart_strategy supervisor and auto)';

    // Configured, then auto: each refuses before anything runs (auto: before supervisord is even asked).
    for (const strategy of ['supervisor', 'auto']) {
      const run = await runAgentToEnd(config(`hostile-${strategy}.ini`, { 'process.default': { restart_strategy: strategy } }), ['--once'], env());
      expect(run.code, run.output).not.toBe(0);
      expect(run.output).toContain(`WARNING - Alarm for all (ID: 441) will not be acted on: ${allReason}; nothing was run, alarm kept`);
      expect(run.output).not.toMatch(/Beginning restart procedure/);
      expect(traced(), strategy).toEqual([]);
      expect(await pidsOf(everyone), strategy).toEqual(before);
    }
    expect((await historyOf(db, 441)).map((h) => [h.outcome, h.reason])).toEqual([
      ['rejected', allReason],
      ['rejected', allReason],
    ]);
    expect((await historyOf(db, 442)).map((h) => [h.outcome, h.reason])).toEqual([
      ['rejected', groupReason],
      ['rejected', groupReason],
    ]);
    // Names that are not even valid names are rejected before any strategy sees them.
    for (const id of [443, 444, 445]) expect((await historyOf(db, id)).every((h) => h.outcome === 'rejected')).toBe(true);
    for (const row of hostile) expect(await alarmOf(db, row.id)).toBe(1);
  });

  it('refuses a supervisor_config that others could change, before supervisorctl runs', async () => {
    const writable = path.join(dir, 'writable-supervisord.conf');
    writeFileSync(writable, readFileSync(sup.configFile));
    chmodSync(writable, 0o666);
    const before = (await sup.status(names.web)).pid;
    await raise(481, names.web);
    const run = await runAgentToEnd(config('untrusted.ini', { 'process.default': { supervisor_config: writable } }), ['--once'], env());
    expect(run.code, run.output).not.toBe(0);
    const reason = `supervisor_config ${writable} is owned by root but writable by group or others (mode 0666); supervisorctl running as root would take its server and plugins from it`;
    expect((await historyOf(db, 481)).map((h) => [h.outcome, h.reason])).toEqual([['rejected', reason]]);
    expect(traced()).toEqual([]);
    expect((await sup.status(names.web)).pid).toBe(before);
    expect(await alarmOf(db, 481)).toBe(1);
  });

  it("without supervisor_config, never reads a supervisord.conf from the agent's working directory", async () => {
    // supervisorctl's own search tries ./supervisord.conf before /etc: one planted in the agent's
    // working directory (say /tmp) would choose the supervisord it talks to. Here it points at ours.
    const workdir = await makeTempDir('monitor-sup-cwd-');
    writeFileSync(path.join(workdir, 'supervisord.conf'), `[supervisorctl]\nserverurl=unix://${sup.socket}\n`);
    try {
      const before = (await sup.status(names.web)).pid;
      await raise(491, names.web);
      const file = config('cwd.ini', { [`process.${names.web}`]: { supervisor_config: '', max_attempts: 1 } });
      const run = await runAgentToEnd(file, ['--once'], env(), ['sh', '-c', 'cd "$0" && exec "$@"', workdir]);
      expect(run.code, run.output).toBe(1);
      expect(traced()).toEqual([`restart ${names.web}`]);
      expect((await sup.status(names.web)).pid).toBe(before);
      const [row] = await historyOf(db, 491);
      expect(row?.outcome).toBe('failure');
      expect(row?.reason).not.toContain(sup.socket);
    } finally {
      await removeTempDir(workdir);
    }
  });

  it('auto picks supervisor for a program supervisord knows, and says so', async () => {
    const before = (await sup.status(names.auto)).pid;
    await raise(451, names.auto);
    const run = await runAgentToEnd(config('auto.ini', { 'process.default': { restart_strategy: 'auto' } }), ['--once'], env());
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(
      new RegExp(`RESTART LOG: ${names.auto}: auto: no system unit ${names.auto}\\.service \\(.+\\), supervisor program ${names.auto} exists \\(RUNNING\\)`),
    );
    expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${names.auto} (strategy: supervisor)`);
    const after = (await sup.status(names.auto)).pid;
    expect(after).toBeGreaterThan(0);
    expect(after).not.toBe(before);
    expect(await alarmOf(db, 451)).toBe(0);
    const rows = await db.query<Array<{ strategy: string; outcome: string }>>('SELECT strategy, outcome FROM monitor_restart_history WHERE process_id = 451');
    expect(rows).toEqual([{ strategy: 'supervisor', outcome: 'success' }]);
  });

  it('auto asks supervisord once for a burst of alarms, not once per alarm', async () => {
    // Not supervisor programs: auto passes over supervisor to start_command, for each of them.
    const burst = Array.from({ length: 12 }, (_, i) => ({ id: 501 + i, name: `plain${i}_${tag}` }));
    for (const { id, name } of burst) await raise(id, name);
    const run = await runAgentToEnd(
      config('burst.ini', {
        monitor: { max_parallel_restarts: 12 },
        'process.default': { restart_strategy: 'auto', start_command: 'true', health_check_command: 'true' },
      }),
      ['--once'],
      env(),
    );
    expect(run.code, run.output).toBe(0);
    for (const { id } of burst) expect(await alarmOf(db, id)).toBe(0);
    expect(run.output).toContain(`no supervisor program plain0_${tag}`);
    // Each alarm would have run supervisorctl status NAME (0.2–0.4 s of CPU each): one listing serves them all.
    const calls = traced();
    expect(calls.filter((call) => call.includes(' status')).length, calls.join('\n')).toBeLessThanOrEqual(2);
    expect(calls.filter((call) => call.includes(`status plain`))).toEqual([]);
  });

  it("verifies a program whose process has another name (python3) by supervisord's RUNNING, with the default health check", async () => {
    // pgrep, the default check without a manager, would never find it.
    expect((await execa('pgrep', ['--', names.python], { reject: false })).exitCode).toBe(1);
    const before = (await sup.status(names.python)).pid;
    await raise(461, names.python);
    const run = await runAgentToEnd(
      config('python.ini', { 'process.default': { health_check_command: 'pgrep %s', health_check_timeout: 5 } }),
      ['--once'],
      env(),
    );
    expect(run.code, run.output).toBe(0);
    const after = await sup.status(names.python);
    expect(after.state).toBe('RUNNING');
    expect(after.pid).not.toBe(before);
    expect(readFileSync(`/proc/${after.pid}/comm`, 'utf8').trim()).toBe('python3');
    expect((await historyOf(db, 461))[0]).toMatchObject({ outcome: 'success' });
    expect(traced()).toContain(`-c ${sup.configFile} status ${names.python}`);
  });

  it('refuses the supervisord program the agent itself runs as: never restarted, rejected once', async () => {
    const agentDir = await makeTempDir('monitor-sup-agent-');
    const logFile = path.join(agentDir, 'monitor_service.log');
    const host = await startSupervisord({
      programs: { [names.agent]: { command: `${process.execPath} ${AGENT_CLI} --config ${path.join(agentDir, 'config.ini')}` } },
      waitForPrograms: false,
    });
    extra.push(host);
    writeAgentConfig({
      dir: agentDir,
      socket: db.socket,
      database: db.name,
      sections: {
        logging: { log_file: logFile, level: 'DEBUG' },
        'process.default': { restart_strategy: 'supervisor', supervisor_config: host.configFile },
      },
    });
    try {
      await raise(471, names.agent);
      const { pid } = await host.waitForState(names.agent, 'RUNNING');
      const logLines = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n') : []);
      const line = await waitFor(() => logLines().find((l) => l.includes('(ID: 471) will not be acted on')), {
        what: 'the refusal of its own program',
        timeoutMs: 20_000,
      });
      expect(line).toContain(
        `${names.agent} is the supervisord program the agent itself runs as; restarting it would kill the agent in the middle of the procedure; nothing was run, alarm kept`,
      );
      const polls = () => logLines().filter((l) => /Database check: \d+ process\(es\) in alarm/.test(l)).length;
      const target = polls() + 5;
      await waitFor(polls, { what: '5 more polls', until: (n) => n >= target, timeoutMs: 20_000 });
      expect((await host.status(names.agent)).pid).toBe(pid);
      expect(logLines().filter((l) => l.includes('Starting Process Monitor Service'))).toHaveLength(1);
      expect((await historyOf(db, 471)).map((h) => h.outcome)).toEqual(['rejected']);
      expect(await alarmOf(db, 471)).toBe(1);
    } finally {
      await host.stop();
      await removeTempDir(agentDir);
    }
  });
});
