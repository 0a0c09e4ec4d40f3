// The launch helper in the built agent: a lone alarm's start command is forked by the
// agent itself (no helper appears); a burst's are forked by the helper, each in its own
// session, all verified by the default pgrep check, and they outlive the agent, which
// takes the helper with it. Real agent, real processes, the private MariaDB.
import { chmodSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processTreeOf } from '../../../src/process/processTree.js';
import { startAgent, type RunningAgent } from '../../support/agentProcess.js';
import { registerProcess } from '../../support/faultKit.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { launchHelperPids } from '../../support/launchHelperPids.js';
import { killQuietly } from '../../support/processes.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

const BURST = 12;

/** PID → [parent PID, session] from /proc/PID/stat. */
function parentAndSession(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(fields[1]), Number(fields[3])];
}

/** PIDs of running processes whose comm is `name`. */
function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.skipIf(mariadbSkipReason())('launch helper in the agent', () => {
  let db: TestDatabase;
  let dir: string;
  let agent: RunningAgent | undefined;
  const started: number[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('launch_helper');
    dir = await makeTempDir('monitor-launch-helper-');
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    for (const pid of started) killQuietly(pid);
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  const nameOf = (id: number): string => `lhburst${id}`;

  async function alarmsCleared(ids: number[]): Promise<void> {
    await waitFor(
      async () => {
        const rows = await db.query<RowDataPacket[]>(
          `SELECT COUNT(*) AS n FROM monitor_restart_history WHERE outcome = 'success' AND process_id IN (${ids.join(',')})`,
        );
        return Number(rows[0]!.n);
      },
      { what: `${ids.length} successful restarts`, until: (n) => n === ids.length, timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  it('forks a lone restart itself, and a burst through the helper; what they started outlives the agent', async () => {
    const ids = Array.from({ length: BURST + 1 }, (_, i) => 500 + i);
    for (const id of ids) {
      copyFileSync('/bin/sleep', path.join(dir, nameOf(id)));
      chmodSync(path.join(dir, nameOf(id)), 0o755);
      await registerProcess(db, id, nameOf(id));
    }
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        monitor: { check_interval: '0.2' },
        'process.default': { restart_strategy: 'process', process_launcher: 'detach', start_command: `exec ${dir}/%s 120`, max_attempts: 1 },
      },
    });
    await agent.waitForLine(/Database check: 0 process\(es\) in alarm/);

    const [lone, ...burst] = ids as [number, ...number[]];
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = ?', [lone]);
    await alarmsCleared([lone]);
    const [lonePid] = pidsNamed(nameOf(lone));
    started.push(lonePid!);
    expect(parentAndSession(lonePid!)).toEqual([agent.pid, lonePid]);
    expect(launchHelperPids(agent.pid)).toEqual([]);

    // The first burst starts the helper (its first launches are the agent's own, until it listens)…
    await db.query(`UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (${burst.join(',')})`);
    await alarmsCleared(burst);
    const [helperPid] = launchHelperPids(agent.pid);
    expect(helperPid).toBeDefined();
    // …the next one, within its ten idle minutes, is forked by it: every instance is stopped and started again.
    await db.query(`UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (${burst.join(',')})`);
    await waitFor(
      async () => {
        const rows = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM monitor_restart_history WHERE outcome = 'success'`);
        return Number(rows[0]!.n);
      },
      { what: 'the second burst to be restarted', until: (n) => n === 1 + 2 * BURST, timeoutMs: 30_000, intervalMs: 100 },
    );
    for (const id of burst) {
      const pids = pidsNamed(nameOf(id));
      expect(pids).toHaveLength(1); // the first burst's instance was stopped
      started.push(pids[0]!);
      expect(parentAndSession(pids[0]!)).toEqual([helperPid, pids[0]]); // forked by the helper, detached all the same
    }
    expect(launchHelperPids(agent.pid)).toEqual([helperPid]);

    expect(await agent.stop('SIGTERM')).toBe(0);
    agent = undefined;
    await waitFor(() => processTreeOf(helperPid!).length === 0, { what: 'the helper to exit with the agent' });
    for (const pid of started) expect(processTreeOf(pid)).toEqual([pid]);
  });
});
