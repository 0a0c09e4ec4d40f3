// test-alarm's interactive menu in a real terminal (tmux): view, set by name,
// reset, quit — checked on screen and in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { skipReasonOrFail } from '../support/skipRule.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { CLI } from './runCli.js';
import { startTmux, tmuxMissingReason, type TmuxSession } from './tmuxSession.js';

const skipReason = mariadbSkipReason() ?? skipReasonOrFail('tmux', await tmuxMissingReason());

describe.skipIf(skipReason)('test-alarm interactive menu', () => {
  let db: TestDatabase;
  let dir: string;
  let config: string;
  const sessions: TmuxSession[] = [];
  const alarmOf = async (id: number): Promise<number | undefined> =>
    (await db.query<Array<{ alarma: number }>>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [id]))[0]?.alarma;
  const open = async (): Promise<TmuxSession> => {
    const session = await startTmux(`${process.execPath} ${CLI.testAlarm} --config ${config}`);
    sessions.push(session);
    await session.waitForScreen(/Choice \[1-5\]: $/m);
    return session;
  };

  beforeAll(async () => {
    db = await createTestDatabase('test_alarm_menu');
    dir = await makeTempDir('test-alarm-menu-');
    config = writeAgentConfig({ dir, socket: db.socket, database: db.name });
  });
  afterAll(async () => {
    for (const session of sessions) await session.kill();
    await db?.close();
    await removeTempDir(dir);
  });

  it('views, sets one process by name, resets and quits', async () => {
    const menu = await open();
    expect(await menu.screen()).toContain('1) View all monitored processes');

    await menu.type('1', 'Enter');
    const listed = await menu.waitForScreen(/^5\s+crond\s/m);
    for (const name of ['apache2', 'mysqld', 'postfix', 'sshd']) expect(listed).toContain(name);

    await menu.type('2', 'Enter');
    await menu.waitForScreen(/Process id or name: $/m);
    await menu.type('postfix', 'Enter');
    await menu.waitForScreen(/Process 3 postfix is in alarm/);
    expect(await alarmOf(3)).toBe(1);

    await menu.type('2', 'Enter');
    await menu.waitForScreen(/Process id or name: $/m);
    await menu.type('nothing_here', 'Enter');
    await menu.waitForScreen(/no process with id or name "nothing_here"; nothing changed/);

    await menu.type('4', 'Enter');
    await menu.waitForScreen(/1 alarm\(s\) reset/);
    expect(await alarmOf(3)).toBe(0);

    await menu.type('5', 'Enter');
    await waitFor(async () => !(await menu.isRunning()), { what: 'test-alarm to quit on 5' });
    expect(await menu.exitStatus()).toBe(0);
  });

  it('Ctrl+C at the prompt quits too', async () => {
    const menu = await open();
    await menu.type('C-c');
    await waitFor(async () => !(await menu.isRunning()), { what: 'test-alarm to quit on Ctrl+C' });
    expect(await menu.exitStatus()).toBe(0);
  });
});
