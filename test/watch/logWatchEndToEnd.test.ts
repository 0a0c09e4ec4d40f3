// Seed 002's scenario with nothing else installed: the crasher app (crasher.py
// --log-to-file --fake-crash) writes `ERROR:root:Crashing...` to crasher.log and
// keeps running; a [watch.NAME] log watch sees the line, raises the alarm, and
// the agent's normal loop restarts the app (process strategy) and clears it.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { killQuietly } from '../support/processes.js';
import { writeSeedCrasher } from '../support/seedCrasher.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { historyOf, waitForCleared } from '../support/faultKit.js';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function pidsRunning(script: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', script], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe.skipIf(mariadbSkipReason())('log watch end to end: the seed crasher app', () => {
  let db: TestDatabase;
  let dir: string;
  let script: string;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('watch_log_e2e');
    dir = await makeTempDir();
    script = writeSeedCrasher(dir);
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    for (const pid of pidsRunning(script ?? '/nonexistent-crasher')) killQuietly(pid);
    await db?.close();
    await removeTempDir(dir);
  });

  it('a Crashing... line raises the alarm (alarma only), recorded as detected, and the app is restarted', async () => {
    const name = `crasher_${randomBytes(3).toString('hex')}`;
    const log = path.join(dir, 'crasher.log');
    const start = `cd ${dir} && exec /usr/bin/python3 ${script} --log-to-file --crash-interval 2 --fake-crash`;
    spawn('/bin/sh', ['-c', start], { detached: true, stdio: 'ignore' }).unref();
    await waitFor(() => existsSync(log), { what: 'crasher.log written' });
    const [first] = await waitFor(() => pidsRunning(script), { what: 'crasher running', until: (pids) => pids.length === 1 });
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (151, ?)', [name]);
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (151, 0, 1, 'crasher on web1')");

    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        [`process.${name}`]: { restart_strategy: 'process', start_command: start, match: escapeRegex(script), process_launcher: 'detach', stop_timeout: 2 },
        [`watch.${name}`]: { type: 'log', file: log, pattern: 'ERROR:root:Crashing', watch_interval: 0.2, pattern_expiration: 1 },
      },
    });
    await agent.waitForLine(
      new RegExp(
        `WARNING - Detected failure of ${name}: line in ${escapeRegex(log)} matches /ERROR:root:Crashing/: ERROR:root:Crashing\\.\\.\\.; alarm raised \\(ID: 151\\)`,
      ),
    );
    await agent.waitForLine(new RegExp(`RESTART LOG: Beginning restart procedure for ${name} \\(strategy: process\\)`));
    await waitForCleared(db, 151);
    await agent.waitForLine(new RegExp(`Alarm cleared for ${name} \\(ID: 151\\)`));

    // The outcome is recorded just after the alarm is cleared.
    const history = await waitFor(() => historyOf(db, 151), {
      what: 'the restart recorded',
      until: (rows) => rows.length >= 2 && rows[1]!.outcome !== 'in_progress',
    });
    expect(history.slice(0, 2).map((row) => row.outcome)).toEqual(['detected', 'success']);
    expect(history[0]!.reason).toBe(`log watch: line in ${log} matches /ERROR:root:Crashing/: ERROR:root:Crashing...; alarm raised`);
    const status = await db.query<RowDataPacket[]>('SELECT sound, notes FROM STATUS_PROCESS WHERE process_id = 151');
    expect({ ...status[0] }).toEqual({ sound: 1, notes: 'crasher on web1' });
    // The app that logged the crash was replaced by a new instance.
    const now = await waitFor(() => pidsRunning(script), { what: 'the restarted crasher', until: (pids) => pids.length === 1 && pids[0] !== first });
    expect(now).not.toContain(first);
  });
});
