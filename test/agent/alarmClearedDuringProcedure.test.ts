// "Cleared only if still 1" (README): an operator who clears the alarm, or sets it to
// another value, while the agent is restarting the process keeps the last word. The
// health check waits on a flag file, so the test changes `alarma` while the procedure runs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

describe.skipIf(mariadbSkipReason())('an alarm changed by someone else during the restart procedure', () => {
  let db: TestDatabase;
  let dir: string;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('cleared_during');
    dir = await makeTempDir('monitor-cleared-during-');
  });
  afterEach(async () => {
    await agent?.stop('SIGKILL');
    agent = undefined;
  });
  afterAll(async () => {
    await db?.close();
    await removeTempDir(dir);
  });

  /** Starts an agent on process `id`, whose health check passes once the test creates its flag. */
  async function procedureUnderWay(id: number, name: string): Promise<string> {
    const flag = path.join(dir, `${name}.healthy`);
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, 1, 0, ?)', [id, 'operator note']);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, name]);
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: `${name}.ini`,
      sections: {
        [`process.${name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: 'true',
          health_check_command: `test -e ${flag}`,
          health_check_timeout: 30,
          max_attempts: 1,
        },
      },
    });
    await agent.waitForLine(new RegExp(`RESTART LOG: Beginning restart procedure for ${name} `));
    return flag;
  }

  const alarmOf = async (id: number) => Number((await db.query<RowDataPacket[]>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [id]))[0]?.alarma);
  const successRows = (id: number) => db.query<RowDataPacket[]>("SELECT id FROM monitor_restart_history WHERE process_id = ? AND outcome = 'success'", [id]);

  it('cleared by an operator meanwhile: says so, and does not claim the clear as its own', async () => {
    const flag = await procedureUnderWay(51, 'cleared_meanwhile');
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 51');
    writeFileSync(flag, '');
    await agent!.waitForLine(/Alarm for cleared_meanwhile \(ID: 51\) was already cleared by someone else/);
    await waitFor(() => successRows(51), { what: 'the success row', until: (rows) => rows.length === 1 });
    expect(agent!.count(/Alarm cleared for cleared_meanwhile/)).toBe(0);
    expect(await alarmOf(51)).toBe(0);
  });

  it('set to another value meanwhile: that value stays', async () => {
    const flag = await procedureUnderWay(52, 'changed_meanwhile');
    await db.query('UPDATE STATUS_PROCESS SET alarma = 2 WHERE process_id = 52');
    writeFileSync(flag, '');
    await agent!.waitForLine(/Alarm for changed_meanwhile \(ID: 52\) was already cleared by someone else/);
    // (The poll then reports alarma = 2 as invalid, a 'rejected' row: hostileInput.test.ts.)
    await waitFor(() => successRows(52), { what: 'the success row', until: (rows) => rows.length === 1 });
    expect(await alarmOf(52)).toBe(2);
    expect(agent!.count(/Alarm cleared for changed_meanwhile/)).toBe(0);
  });
});
