// The command strategy end to end, with real commands: the built agent runs
// restart_command (a script that restarts a real sleeper, as an init script would),
// then the default health check; a failing command and one cut by command_timeout fail
// the attempt with what happened; a name from the database reaches the command as one
// quoted argument, and a hostile one reaches nothing.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProcessSettings } from '../../../src/config/resolveProcessSettings.js';
import { chooseStrategy } from '../../../src/restart/strategies/chooseStrategy.js';
import { alarmOf, historyOf, registerProcess } from '../../support/faultKit.js';
import { runAgentToEnd, writeAgentConfig } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { isGone } from '../../support/processes.js';
import { makeSleeper, type Sleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

/** An executable shell script in dir. */
function writeScript(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function strategyOf(db: TestDatabase, id: number): Promise<string[]> {
  const rows = await db.query<Array<{ strategy: string }>>('SELECT strategy FROM monitor_restart_history WHERE process_id = ? ORDER BY id', [id]);
  return rows.map((row) => row.strategy);
}

describe('command strategy: auto never guesses it', () => {
  it('is not chosen by auto, even with restart_command set', async () => {
    const settings = resolveProcessSettings({}, { restart_strategy: 'auto', restart_command: '/bin/true' });
    const choice = await chooseStrategy(1, `nounit${process.pid}`, settings);
    expect(choice).toMatchObject({ ok: false, refused: false });
    expect(!choice.ok && choice.reason).not.toMatch(/restart_command/);
  });
});

describe.skipIf(mariadbSkipReason())('command strategy', () => {
  let db: TestDatabase;
  let dir: string;
  const sleepers: Sleeper[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('command_strategy');
    dir = await makeTempDir('monitor-command-');
  });
  afterAll(async () => {
    for (const s of sleepers) await s.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('runs restart_command with the name, then the health check: a new instance, alarm cleared', async () => {
    const sleeper = makeSleeper(dir, 'cmd');
    sleepers.push(sleeper);
    const old = spawn(sleeper.binary, ['600'], { detached: true, stdio: 'ignore' });
    old.unref();
    await waitFor(() => sleeper.pids().includes(old.pid ?? -1), { what: 'the original instance to run' });
    // What an init script does: stop the old one, start a daemon that has detached itself
    // (left the script's process group) by the time start-stop-daemon returns.
    const argsFile = path.join(dir, 'restart.args');
    const script = writeScript(
      dir,
      'restart.sh',
      [
        `printf '%s\\n' "$#" "$@" > ${argsFile}`,
        'start-stop-daemon --stop --quiet --oknodo --retry 5 --name "$1"',
        `start-stop-daemon --start --quiet --background --exec ${sleeper.binary} -- 600`,
        'echo "restarted $1"',
      ].join('\n'),
    );
    await registerProcess(db, 201, sleeper.name, 1);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'restart.ini',
      sections: { [`process.${sleeper.name}`]: { restart_strategy: 'command', restart_command: `${script} %s` } },
    });
    const run = await runAgentToEnd(config);

    expect(run.output).toContain(`RESTART LOG: Beginning restart procedure for ${sleeper.name} (strategy: command)`);
    expect(run.output).toContain(`RESTART LOG: ${sleeper.name}: restart_command passed: exit status 0; output: restarted ${sleeper.name}`);
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${sleeper.name}`);
    expect(run.code).toBe(0);
    expect(readFileSync(argsFile, 'utf8')).toBe(`1\n${sleeper.name}\n`);
    expect(await isGone(old.pid ?? -1)).toBe(true);
    const now = sleeper.pids();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old.pid);
    expect(await alarmOf(db, 201)).toBe(0);
    expect(await historyOf(db, 201)).toMatchObject([{ outcome: 'success', attempts: 1 }]);
    expect(await strategyOf(db, 201)).toEqual(['command']);
  });

  it('fails the attempt on a non-zero exit, with the output, and keeps the alarm', async () => {
    const name = 'cmdfail';
    await registerProcess(db, 202, name, 1);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'failing.ini',
      sections: { [`process.${name}`]: { restart_strategy: 'command', restart_command: 'echo no such container: %s >&2; exit 3' } },
    });
    const run = await runAgentToEnd(config);

    expect(run.code).toBe(1);
    const failed = `RESTART LOG: Restart command failed for ${name}: restart_command "echo no such container: '${name}' >&2; exit 3": exit status 3; output: no such container: ${name}`;
    expect(run.output.split('\n').filter((line) => line.endsWith(failed))).toHaveLength(2);
    expect(await alarmOf(db, 202)).toBe(1);
    const [history] = await historyOf(db, 202);
    expect(history).toMatchObject({ outcome: 'failure', attempts: 2 });
    expect(history?.reason).toMatch(/^attempt 2: restart_command .*: exit status 3; output: no such container: cmdfail$/);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 202');
  });

  it('cuts a hanging command at command_timeout, killing its whole process group', async () => {
    const hanger = makeSleeper(dir, 'hang');
    sleepers.push(hanger);
    const name = 'cmdhang';
    await registerProcess(db, 203, name, 1);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'hanging.ini',
      sections: {
        [`process.${name}`]: { restart_strategy: 'command', restart_command: `${hanger.binary} 60 && echo done %s`, command_timeout: 1, max_attempts: 1 },
      },
    });
    const started = Date.now();
    const run = await runAgentToEnd(config);

    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.output).toMatch(new RegExp(`Restart command failed for ${name}: restart_command ".*": timed out after 1\\.\\ds \\(process group killed\\)`));
    expect(hanger.pids()).toEqual([]);
    expect(await historyOf(db, 203)).toMatchObject([{ outcome: 'failure', attempts: 1 }]);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 203');
  });

  it('gives the command the name as one quoted argument; a hostile name reaches no command at all', async () => {
    const argsFile = path.join(dir, 'odd.args');
    const marker = path.join(dir, 'pwned');
    const script = writeScript(dir, 'record.sh', `printf '%s\\n' "$#" "$@" >> ${argsFile}`);
    const odd = 'odd:name+v1@host.x-y_z';
    const hostile = `x$(touch\${IFS}${marker})`;
    await registerProcess(db, 204, odd, 1);
    await registerProcess(db, 205, hostile, 1);
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'names.ini',
      sections: { 'process.default': { restart_strategy: 'command', restart_command: `${script} %s`, health_check_command: 'true' } },
    });
    const run = await runAgentToEnd(config);

    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${odd}`);
    expect(run.output).toMatch(/Process ID 205 has a name that will not be used: .*; nothing was run/);
    expect(readFileSync(argsFile, 'utf8')).toBe(`1\n${odd}\n`);
    expect(existsSync(marker)).toBe(false);
    expect(await alarmOf(db, 204)).toBe(0);
    expect(await alarmOf(db, 205)).toBe(1);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 205');
  });
});
