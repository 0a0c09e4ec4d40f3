// SIGHUP and watches: a [watch.NAME] added to config.ini starts with the
// reloaded configuration (reading its file from the end), a reload without it
// goes through, and SIGTERM stops the watches with the agent (exit 0). A watch
// the reload does not change goes on where it was in its file.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, writeAgentConfig, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, registerProcess } from '../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('watches and SIGHUP', () => {
  let db: TestDatabase;
  let dir: string;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('watch_reload');
    dir = await makeTempDir();
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await db?.close();
    await removeTempDir(dir);
  });

  it('starts a watch added by a reload, reloads without it, and stops with the agent', async () => {
    const log = path.join(dir, 'app.log');
    writeFileSync(log, '');
    await registerProcess(db, 401, 'reloaded_app');
    // Never restarted here: a strategy that needs nothing and a breaker that would say so.
    const processSection = { 'process.reloaded_app': { restart_strategy: 'command', restart_command: 'true', health_check_command: 'false', max_attempts: 1 } };
    agent = startAgent({ dir, socket: db.socket, database: db.name, sections: processSection });
    await agent.waitForLine(/Database check: 0 process/);
    appendFileSync(log, 'ERROR before the watch existed\n');

    const watch = { 'watch.reloaded_app': { type: 'log', file: log, pattern: 'ERROR', watch_interval: 0.2 } };
    writeAgentConfig({ dir, socket: db.socket, database: db.name, sections: { ...processSection, ...watch } });
    agent.child.kill('SIGHUP');
    await agent.waitForLine(/Configuration reloaded from /);
    // Read from the end of the file at the watch's first look: had the earlier line counted, this alarm would have been raised by it.
    // That look comes a few ms after the reload line (the file is opened asynchronously), so the line is written until it is seen.
    const detected = /Detected failure of reloaded_app: line in .* matches \/ERROR\/: ERROR after the reload; alarm raised \(ID: 401\)/;
    await waitFor(
      () => {
        if (agent!.count(detected) > 0) return true;
        appendFileSync(log, 'ERROR after the reload\n');
        return false;
      },
      { what: 'the reloaded watch to see a new ERROR line', timeoutMs: 15_000, intervalMs: 300 },
    );
    expect(agent.count(/ERROR before the watch existed/)).toBe(0);
    expect(await alarmOf(db, 401)).toBe(1);

    writeAgentConfig({ dir, socket: db.socket, database: db.name, sections: processSection });
    agent.child.kill('SIGHUP');
    const reloads = () => agent!.count(/Configuration reloaded from /);
    await waitFor(() => reloads(), { what: 'the second reload', until: (n) => n === 2 });
    expect(await agent.stop('SIGTERM')).toBe(0);
  });

  it('keeps a watch the reload does not change where it was: a line written just before the SIGHUP is seen', async () => {
    const log = path.join(dir, 'kept.log');
    writeFileSync(log, '');
    await registerProcess(db, 402, 'kept_app');
    await db.query('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 401'); // the first test's alarm
    const sections = {
      'process.kept_app': { restart_strategy: 'command', restart_command: 'true', health_check_command: 'false', max_attempts: 1 },
      // Long enough that the line below is still unread when the reload comes.
      'watch.kept_app': { type: 'log', file: log, pattern: 'ERROR', watch_interval: 3 },
    };
    agent = startAgent({ dir, socket: db.socket, database: db.name, sections });
    await agent.waitForLine(/Database check: 0 process/);
    await waitFor(() => agent!.count(/Database check: /) >= 3, { what: 'the watch to have looked at its file' });

    // Another section changes; this watch's does not.
    writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      sections: { ...sections, 'process.other_app': { restart_strategy: 'command', restart_command: 'true' } },
    });
    appendFileSync(log, 'ERROR just before the reload\n');
    agent.child.kill('SIGHUP');
    await agent.waitForLine(/Configuration reloaded from /);
    // Started over from the end of the file, the watch would never have read it.
    await agent.waitForLine(/Detected failure of kept_app: line in .* matches \/ERROR\/: ERROR just before the reload; alarm raised \(ID: 402\)/, 10_000);
    expect(await alarmOf(db, 402)).toBe(1);
    expect(await agent.stop('SIGTERM')).toBe(0);
  });
});
