// The log directory: unusable at start is a config error naming [logging] log_file (exit
// 78); removed while the agent runs, the agent carries on, logging to stdout, and still
// clears an alarm. (Tests run as root, which ignores directory modes: the unusable path
// is one whose parent is a regular file.)
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgentToEnd, startAgent, writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

describe('log directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('monitor-logdir-');
  });
  afterAll(() => removeTempDir(dir));

  it('unusable at start: a clear error naming [logging] log_file, exit 78', async () => {
    const notADirectory = path.join(dir, 'plain-file');
    writeFileSync(notADirectory, 'I am a file\n');
    const logFile = path.join(notADirectory, 'logs', 'monitor_service.log');
    // No database is needed to get this far: the log is checked before connecting.
    const configFile = writeAgentConfig({
      dir,
      socket: path.join(dir, 'no-such.sock'),
      database: 'unused',
      fileName: 'unwritable.ini',
      sections: { logging: { log_file: logFile } },
    });
    const { code, output } = await runAgentToEnd(configFile, []);
    expect(code).toBe(78);
    expect(output).toContain(`[logging] log_file = "${logFile}": expected a file in a writable directory`);
    expect(output).toMatch(/ENOTDIR/);
    expect(output).not.toMatch(/Database error/);
  });

  describe.skipIf(mariadbSkipReason())('removed while running', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('log_directory');
    });
    afterAll(() => db?.close());

    it('keeps running, logs to stdout, still clears an alarm (also across a rotation)', async () => {
      const caseDir = path.join(dir, 'running');
      const logDir = path.join(caseDir, 'log');
      const agent = startAgent({
        dir: caseDir.replace(/\/running$/, ''),
        fileName: 'running.ini',
        socket: db.socket,
        database: db.name,
        sections: {
          // 1 KB: the next file is opened (in the missing directory) within a few lines.
          logging: { log_file: path.join(logDir, 'monitor_service.log'), max_log_size: 1 },
          'process.default': { restart_strategy: 'process', process_launcher: 'detach', start_command: 'true', health_check_command: 'true' },
        },
      });
      try {
        await agent.waitForLine(/Database check: \d+ process\(es\) in alarm/);
        expect(existsSync(path.join(logDir, 'monitor_service.log'))).toBe(true);
        rmSync(logDir, { recursive: true, force: true });

        // Enough lines to go through several rotations, then an alarm.
        const before = agent.lines.length;
        await waitFor(() => agent.lines.length > before + 20, { what: '20 more log lines' });
        await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound) VALUES (61, 1, 0)');
        await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (61, 'after_rmdir')");
        await agent.waitForLine(/Alarm cleared for after_rmdir \(ID: 61\)/);
        const [row] = await db.query<RowDataPacket[]>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = 61');
        expect(row?.alarma).toBe(0);
        // Still polling afterwards.
        const polls = agent.count(/Database check/);
        await waitFor(() => agent.count(/Database check/) > polls + 3, { what: 'more polls' });
        expect(agent.child.exitCode).toBeNull();
        // The rotation after the removal re-created the directory: the file log resumed by itself.
        expect(existsSync(logDir)).toBe(true);
      } catch (error) {
        throw new Error(`${(error as Error).message.split('; output so far')[0]}\n${agent.output().slice(-5000)}`);
      } finally {
        await agent.stop();
      }
      expect(await agent.exited).toBe(0);
    });
  });
});
