// Process identity end to end, with the built agent and real processes: a real
// `python3 crasher.py` stopped, restarted and checked by `match` — while another
// procedure's pre-restart command, whose own command line holds the pattern, runs beside
// it untouched; pid files that are stale (the PID is gone, or now another program) are
// said so and nothing else is signalled; one that others could write is refused as root.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmOf, historyOf, registerProcess } from '../../support/faultKit.js';
import { AGENT_CLI, runAgentToEnd, writeAgentConfig } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { crasherTag, PLAIN_PATH, writeCrasher } from '../../support/crasher.js';
import { isGone, killQuietly } from '../../support/processes.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

describe.skipIf(mariadbSkipReason())('process identity: match and pid_file', () => {
  let db: TestDatabase;
  let dir: string;
  const sleepers: Sleeper[] = [];
  const children: ChildProcess[] = [];
  /** This file's crasher.py instances carry it: other crashers on the machine are none of ours. */
  const tag = crasherTag();

  beforeAll(async () => {
    db = await createTestDatabase('process_identity');
    dir = await makeTempDir('monitor-identity-');
    writeCrasher(dir);
  });
  afterAll(async () => {
    for (const child of children) killQuietly(child.pid ?? 0);
    for (const s of sleepers) await s.killAll();
    for (const pid of await crashers()) killQuietly(pid);
    await db?.close();
    await removeTempDir(dir);
  });

  function startDetached(file: string, args: string[], cwd = dir): ChildProcess {
    const child = spawn(file, args, { cwd, detached: true, stdio: 'ignore', env: { ...process.env, PATH: PLAIN_PATH } });
    child.unref();
    children.push(child);
    return child;
  }

  /** PIDs of this file's running `python3 crasher.py TAG`. */
  async function crashers(): Promise<number[]> {
    const found = await execa('pgrep', ['-f', `^python3 crasher\\.py ${tag}$`], { reject: false });
    const ours: number[] = [];
    for (const pid of found.stdout.split('\n').filter(Boolean).map(Number)) if (!(await isGone(pid))) ours.push(pid);
    return ours;
  }

  it('stops and checks python3 crasher.py by match; a command of the agent holding the pattern is never touched', async () => {
    const original = startDetached('python3', ['crasher.py', tag]);
    await waitFor(crashers, { what: 'the original crasher.py', until: (pids) => pids.includes(original.pid!) });
    const beside = makeSleeper(dir, 'beside');
    sleepers.push(beside);
    await registerProcess(db, 401, 'crasher', 1);
    await registerProcess(db, 402, beside.name, 1);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'match.ini',
      sections: {
        'process.crasher': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: `cd ${dir} && PATH=${PLAIN_PATH} exec python3 crasher.py ${tag}`,
          match: `crasher\\.py ${tag}`,
          stop_timeout: 2,
        },
        // Runs while crasher is stopped and checked: its shell's command line holds "crasher.py".
        [`process.${beside.name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          pre_restart_command: `sleep 2; echo checked before crasher.py ${tag}`,
          start_command: beside.startCommand,
        },
      },
    });
    const run = await runAgentToEnd(config);

    expect(run.output).toContain('RESTART LOG: Beginning restart procedure for crasher (strategy: process)');
    expect(run.output).toMatch(/RESTART LOG: crasher: stopped 1 with SIGTERM, 0 with SIGKILL; started \(pid \d+\) via a detached session/);
    expect(run.output).toContain('RESTART LOG: Successfully restarted and verified service: crasher');
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${beside.name}`);
    expect(run.output).not.toContain('Pre-restart command failed');
    expect(run.code).toBe(0);
    expect(await isGone(original.pid!)).toBe(true);
    const now = await crashers();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(original.pid);
    expect(await alarmOf(db, 401)).toBe(0);
    expect(await alarmOf(db, 402)).toBe(0);
    expect(await historyOf(db, 401)).toMatchObject([{ outcome: 'success', attempts: 1 }]);
    expect(beside.pids()).toHaveLength(1);
  });

  it('checks by match after the restart: an instance that is not there fails the health check, saying what it looked for', async () => {
    await registerProcess(db, 403, 'nocrash', 1);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'nomatch.ini',
      sections: {
        'process.nocrash': { restart_strategy: 'command', restart_command: 'true', match: 'no-such-program\\.py', health_check_timeout: 0.5, max_attempts: 1 },
      },
    });
    const run = await runAgentToEnd(config);
    expect(run.code).toBe(1);
    const [history] = await historyOf(db, 403);
    expect(history?.reason).toMatch(
      /^attempt 1: health check by match \/no-such-program\\\.py\/ did not pass within 0\.5s \(\d+ run\(s\)\); last: no running process whose command line matches \/no-such-program\\\.py\/$/,
    );
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 403');
  });

  /** A sleeper restarted by the process strategy whose start_command writes its PID to pidFile. */
  function pidFileConfig(sleeper: Sleeper, pidFile: string, fileName: string): string {
    return writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName,
      sections: {
        [`process.${sleeper.name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: `echo $$ > ${pidFile}; exec ${sleeper.binary} 600`,
          pid_file: pidFile,
        },
      },
    });
  }

  it('says a pid file whose PID is gone is stale, starts a new instance, and checks it by the new pid file', async () => {
    const sleeper = makeSleeper(dir, 'pidgone');
    sleepers.push(sleeper);
    const gone = startDetached('true', []);
    await new Promise((resolve) => gone.once('exit', resolve));
    const pidFile = path.join(dir, 'gone.pid');
    writeFileSync(pidFile, `${gone.pid}\n`);
    await registerProcess(db, 404, sleeper.name, 1);
    const run = await runAgentToEnd(pidFileConfig(sleeper, pidFile, 'gone.ini'));

    expect(run.output).toContain(`WARNING - RESTART LOG: ${sleeper.name}: pid file ${pidFile} names PID ${gone.pid}, which is not running (a stale pid file)`);
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${sleeper.name}`);
    expect(run.code).toBe(0);
    const running = sleeper.pids();
    expect(running).toHaveLength(1);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(running[0]));
    expect(await alarmOf(db, 404)).toBe(0);
  });

  it('never signals another program that got the PID of a stale pid file, and says so', async () => {
    const sleeper = makeSleeper(dir, 'pidreuse');
    sleepers.push(sleeper);
    const other = startDetached('sleep', ['600']);
    await waitFor(() => isGone(other.pid!), { what: 'the other program to run', until: (g) => !g });
    const pidFile = path.join(dir, 'reused.pid');
    writeFileSync(pidFile, `${other.pid}\n`);
    const anHourAgo = Date.now() / 1000 - 3600;
    utimesSync(pidFile, anHourAgo, anHourAgo);
    await registerProcess(db, 405, sleeper.name, 1);
    const run = await runAgentToEnd(pidFileConfig(sleeper, pidFile, 'reused.ini'));

    expect(run.output).toMatch(
      new RegExp(
        `WARNING - RESTART LOG: ${sleeper.name}: pid file ${pidFile} names PID ${other.pid}, which is now another program \\("sleep 600", started \\d+\\.\\d s after the file was written\\): a reused PID, not ${sleeper.name}; never signalled`,
      ),
    );
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${sleeper.name}`);
    expect(await isGone(other.pid!)).toBe(false);
    const running = sleeper.pids();
    expect(running).toHaveLength(1);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(running[0]));
    expect(await alarmOf(db, 405)).toBe(0);
  });

  it('refuses, as root, a pid file others could write: nothing signalled, the alarm kept, the refusal recorded', async () => {
    expect(process.geteuid?.()).toBe(0); // the refusal is for an agent running as root
    const sleeper = makeSleeper(dir, 'pidopen');
    sleepers.push(sleeper);
    const victim = startDetached('sleep', ['600']);
    await waitFor(() => isGone(victim.pid!), { what: 'the victim to run', until: (g) => !g });
    const pidFile = path.join(dir, 'open.pid');
    writeFileSync(pidFile, `${victim.pid}\n`);
    chmodSync(pidFile, 0o666);
    await registerProcess(db, 406, sleeper.name, 1);
    const run = await runAgentToEnd(pidFileConfig(sleeper, pidFile, 'open.ini'));

    expect(run.output).toContain(
      `Alarm for ${sleeper.name} (ID: 406) will not be acted on: pid_file ${pidFile} is owned by root but writable by group or others (mode 0666): refused`,
    );
    expect(await isGone(victim.pid!)).toBe(false);
    expect(sleeper.pids()).toEqual([]);
    expect(await alarmOf(db, 406)).toBe(1);
    expect(await historyOf(db, 406)).toMatchObject([{ outcome: 'rejected' }]);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 406');
  });

  it('refuses pid_file and match together, naming section and key (exit 78)', async () => {
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'both.ini',
      sections: { 'process.crasher': { pid_file: '/run/crasher.pid', match: 'crasher\\.py' } },
    });
    const check = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', config], { reject: false });
    expect(check.exitCode).toBe(78);
    expect(check.stderr).toContain('[process.crasher] match = "crasher\\.py": expected either pid_file or match, not both (pid_file is set too)');
  });
});
