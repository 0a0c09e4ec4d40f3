// Two registered names that share their first 15 characters look alike to the kernel's
// comm: restarting one must never stop the other, and the default `pgrep %s` health
// check must not pass on the other's process.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, writeAgentConfig } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { makeNamedSleeper, type Sleeper } from '../../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { alarmOf, historyOf, registerProcess } from '../../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('process names longer than 15 characters', () => {
  let db: TestDatabase;
  let dir: string;
  let mail: Sleeper;
  let bulk: Sleeper;

  beforeAll(async () => {
    db = await createTestDatabase('long_names');
    dir = await makeTempDir();
    // 15 shared characters: "lq" + 8 hex + "-work" ; then "er-mail" / "er-mail-bulk".
    const stem = `lq${randomBytes(4).toString('hex')}-worker-mail`;
    mail = makeNamedSleeper(dir, stem);
    bulk = makeNamedSleeper(dir, `${stem}-bulk`);
    expect(mail.name.slice(0, 15)).toBe(bulk.name.slice(0, 15));
  });
  afterAll(async () => {
    await mail?.killAll();
    await bulk?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  function startInstance(sleeper: Sleeper): number {
    const child = spawn(sleeper.binary, ['600'], { detached: true, stdio: 'ignore' });
    child.unref();
    return child.pid!;
  }

  function config(fileName: string, startCommand: string): string {
    return writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      fileName,
      // The default health check, `pgrep %s`, answered in-process.
      sections: {
        'process.default': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: startCommand,
          stop_timeout: 2,
          health_check_timeout: 1,
          max_attempts: 1,
        },
      },
    });
  }

  it('restarts one without stopping the other, and verifies it by its full name', async () => {
    const oldMail = startInstance(mail);
    const otherBulk = startInstance(bulk);
    await waitFor(() => mail.pids().length === 1 && bulk.pids().length === 1, { what: 'both instances to run' });
    await registerProcess(db, 601, mail.name, 1);

    const run = await runAgentToEnd(config('restart.ini', mail.startCommand));

    expect(bulk.pids()).toEqual([otherBulk]);
    expect(run.output).toContain(`RESTART LOG: Successfully restarted and verified service: ${mail.name}`);
    expect(run.output).toContain('stopped 1 with SIGTERM, 0 with SIGKILL');
    expect(run.code).toBe(0);
    const now = mail.pids();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(oldMail);
    expect(await alarmOf(db, 601)).toBe(0);
  });

  it("does not count the other's process as healthy", async () => {
    await mail.killAll();
    expect(bulk.pids()).toHaveLength(1);
    await registerProcess(db, 602, mail.name, 1);
    // A start command that starts nothing: only the other name's process is running.
    const run = await runAgentToEnd(config('nostart.ini', 'true'));

    expect(run.code).toBe(1);
    expect(run.output).toContain(`RESTART LOG: Service restart command succeeded but health check failed for: ${mail.name}`);
    expect(mail.pids()).toEqual([]);
    expect(bulk.pids()).toHaveLength(1);
    expect(await alarmOf(db, 602)).toBe(1);
    expect((await historyOf(db, 602)).map((h) => h.outcome)).toEqual(['failure']);
  });
});
