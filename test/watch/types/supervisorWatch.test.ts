// type = supervisor against a real supervisord: a program that supervisord
// gives up on (FATAL: it exits at once, no retries left) raises the alarm, and
// the agent's normal loop restarts it (supervisor strategy) and clears it.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../../support/mariadb.js';
import { killQuietly } from '../../support/processes.js';
import { startSupervisord, supervisordSkipReason, type Supervisord } from '../../support/supervisord.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';
import { historyOf, waitForCleared } from '../../support/faultKit.js';

describe.skipIf(mariadbSkipReason() ?? supervisordSkipReason())('supervisor watch (supervisord)', () => {
  let db: TestDatabase;
  let dir: string;
  let supervisord: Supervisord;
  let agent: RunningAgent | undefined;
  let flag: string;

  beforeAll(async () => {
    db = await createTestDatabase('watch_supervisor');
    dir = await makeTempDir();
    flag = path.join(dir, 'fail-next-start');
    // Exits at once when the flag is there (removing it), else runs.
    const script = path.join(dir, 'flaky.sh');
    writeFileSync(script, `#!/bin/sh\nif [ -e ${flag} ]; then rm -f ${flag}; exit 1; fi\nexec sleep 1000\n`, { mode: 0o755 });
    supervisord = await startSupervisord({ programs: { flaky: { command: script, startsecs: 1, startretries: 0, autorestart: 'true' } } });
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await supervisord?.stop();
    await db?.close();
    await removeTempDir(dir);
  });

  it('a program that ends FATAL raises the alarm, and the agent restarts it', async () => {
    const { pid } = await supervisord.waitForState('flaky', 'RUNNING');
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (302, 'flaky')");
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (302, 0, 0, NULL)');
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        'process.flaky': { restart_strategy: 'supervisor', supervisor_config: supervisord.configFile, health_check_timeout: 10 },
        'watch.flaky': { type: 'supervisor', watch_interval: 0.2 },
      },
    });
    await agent.waitForLine(/Database check: 0 process/);

    // It crashes; supervisord starts it again, it exits at once, and supervisord gives up.
    writeFileSync(flag, '');
    killQuietly(pid);
    const line = await agent.waitForLine(
      /WARNING - Detected failure of flaky: supervisor program flaky is (EXITED|BACKOFF|FATAL)\b.*; alarm raised \(ID: 302\)/,
    );
    expect(line).toBeDefined();
    await waitForCleared(db, 302);
    expect(existsSync(flag)).toBe(false);
    expect((await supervisord.status('flaky')).state).toBe('RUNNING');
    // The outcome is recorded just after the alarm is cleared.
    const history = await waitFor(() => historyOf(db, 302), {
      what: 'the restart recorded',
      until: (rows) => rows.length >= 2 && rows[1]!.outcome !== 'in_progress',
    });
    expect(history.slice(0, 2).map((row) => row.outcome)).toEqual(['detected', 'success']);
  });
});
