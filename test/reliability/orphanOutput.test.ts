// A health check or pre-restart command that leaves a process outside its own process
// group (setsid) holding its stdout: the group kill cannot reach that orphan, and it
// used to hold the procedure until it exited (12 s here, for ever for a daemon). The
// built agent now waits for such output only a moment after the command exits, and
// never past command_timeout; the exit status stays the command's own.
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { killOrphans, orphanPids, startOrphan } from '../support/orphans.js';
import { isGone } from '../support/processes.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { registerProcess } from '../support/faultKit.js';

const NOTE = 'a background process \\(left its process group\\) kept the output open; not waited for';

describe.skipIf(mariadbSkipReason())('a command whose output an orphan holds open', () => {
  let dir: string;
  let db: TestDatabase;
  let agent: RunningAgent | undefined;
  const pidFile = (name: string): string => path.join(dir, `${name}.orphans`);
  const names = ['orph_health', 'orph_pre', 'orph_hang'];

  beforeAll(async () => {
    dir = await makeTempDir('monitor-orphan-output-');
    db = await createTestDatabase('orphan_output');
  });
  afterAll(async () => {
    await agent?.stop();
    for (const name of names) if (dir) killOrphans(pidFile(name));
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  it('does not hold the procedure: bounded by a moment after exit, or by command_timeout', async () => {
    await registerProcess(db, 801, 'orph_health', 1);
    await registerProcess(db, 802, 'orph_pre', 1);
    await registerProcess(db, 803, 'orph_hang', 1);
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        // One failure opens the breaker: each command runs in exactly one procedure.
        monitor: { max_parallel_restarts: 4, max_restart_failures: 1 },
        'process.default': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: 'true',
          health_check_command: 'true',
          // Long enough that, before the fix, the health check waited out the orphan's 12 s.
          health_check_timeout: 20,
          command_timeout: 3,
          max_attempts: 1,
        },
        'process.orph_health': { health_check_command: `${startOrphan('sleep 12', pidFile('orph_health'))}; exit 0` },
        'process.orph_pre': { pre_restart_command: `${startOrphan('sleep 12', pidFile('orph_pre'))}; exit 0` },
        // The command itself hangs too: cut at command_timeout, not at the orphan's 60 s.
        'process.orph_hang': { pre_restart_command: `${startOrphan("sh -c 'sleep 60'", pidFile('orph_hang'))}; sleep 30` },
      },
    });

    const rows = await waitFor(
      () =>
        db.query<RowDataPacket[]>(
          "SELECT process_name, outcome, duration_ms, reason FROM monitor_restart_history WHERE outcome NOT IN ('in_progress', 'skipped') ORDER BY process_id",
        ),
      { what: 'all three procedures to finish', until: (r) => r.length === 3, timeoutMs: 30_000, intervalMs: 100 },
    );
    const byName = Object.fromEntries(
      rows.map((r) => [String(r.process_name), { outcome: String(r.outcome), ms: Number(r.duration_ms), reason: String(r.reason) }]),
    );
    console.log(`[reliability] orphan holding the output, command_timeout 3 s: ${JSON.stringify(byName)}`);

    // Exit 0 with an orphan: the check passes, the alarm is cleared, well under the orphan's 12 s
    // (and under command_timeout: nothing waited for a timeout).
    expect(byName.orph_health).toMatchObject({ outcome: 'success' });
    expect(byName.orph_health!.reason).toMatch(new RegExp(`health check passed \\(run 1\\); ${NOTE}`));
    expect(byName.orph_pre).toMatchObject({ outcome: 'success' });
    for (const name of ['orph_health', 'orph_pre']) expect(byName[name]!.ms, name).toBeLessThan(3_000);
    await agent.waitForLine(new RegExp(`WARNING - RESTART LOG: Health check for orph_health: ${NOTE}$`));
    await agent.waitForLine(new RegExp(`WARNING - RESTART LOG: Pre-restart command for orph_pre: ${NOTE}$`));
    await agent.waitForLine(/Alarm cleared for orph_health \(ID: 801\)/);
    await agent.waitForLine(/Alarm cleared for orph_pre \(ID: 802\)/);

    // The command hangs as well: abandoned at command_timeout, not at the orphan's 60 s.
    expect(byName.orph_hang).toMatchObject({ outcome: 'failure' });
    expect(byName.orph_hang!.ms).toBeGreaterThanOrEqual(2_900);
    expect(byName.orph_hang!.ms).toBeLessThan(6_000);
    await agent.waitForLine(
      new RegExp(
        `ERROR - RESTART LOG: Pre-restart command failed for orph_hang, restart abandoned: timed out after 3\\.\\ds \\(process group killed\\); ${NOTE}$`,
      ),
    );

    // The orphan itself is not killed: it left the group, out of the agent's reach.
    const hangOrphans = orphanPids(pidFile('orph_hang'));
    expect(hangOrphans).toHaveLength(1);
    expect(await isGone(hangOrphans[0]!)).toBe(false);
    expect(await agent.stop()).toBe(0);
  }, 60_000);
});
