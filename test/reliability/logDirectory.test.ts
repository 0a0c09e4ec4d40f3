// The log directory: unusable at start is a config error naming [logging] log_file (exit
// 78); so is, for an agent running as root, a directory others can change or a symbolic
// link at log_file. Removed while the agent runs, the agent carries on, logging to stdout,
// still clears an alarm, and the next line lands in a new file. (Tests run as root, which
// ignores directory modes: the unusable path is one whose parent is a regular file.)
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningAsRoot } from '../../src/fs/findUntrustedPath.js';
import { messages } from '../../src/log/messages.js';
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

  /** Runs the agent on a config whose only notable setting is log_file; it stops before the database. */
  async function runWithLogFile(name: string, logFile: string, args: string[] = []): Promise<{ code: number | null; output: string }> {
    const configFile = writeAgentConfig({
      dir,
      socket: path.join(dir, 'no-such.sock'),
      database: 'unused',
      fileName: `${name}.ini`,
      sections: { logging: { log_file: logFile } },
    });
    return runAgentToEnd(configFile, args);
  }

  describe('refused when others could make root write elsewhere', () => {
    it('runs as root here (what these refusals are about)', () => {
      expect(runningAsRoot()).toBe(true);
    });

    it('a log directory writable by others (mode 0777): exit 78 naming the key, the directory, owner and mode', async () => {
      const logDir = path.join(dir, 'open');
      mkdirSync(logDir);
      chmodSync(logDir, 0o777);
      const logFile = path.join(logDir, 'monitor_service.log');
      const { code, output } = await runWithLogFile('open', logFile);
      expect(code).toBe(78);
      expect(output).toContain(`[logging] log_file = "${logFile}": the log directory ${logDir} (owner uid 0, mode 0777) can be changed by others`);
      expect(output).toContain('owned by root but writable by group or others (mode 0777)');
      expect(existsSync(logFile)).toBe(false);
      // --check-config says it before a start does.
      const checked = await runWithLogFile('open', logFile, ['--check-config']);
      expect(checked.code).toBe(78);
      expect(checked.output).toContain(`[logging] log_file = "${logFile}": the log directory ${logDir} (owner uid 0, mode 0777) can be changed by others`);
    });

    it('a root-owned log directory its group may write (Ubuntu ships /var/log as 0775 root:syslog) is accepted: the log check passes', async () => {
      const logDir = path.join(dir, 'group-writable');
      mkdirSync(logDir);
      chmodSync(logDir, 0o775);
      const logFile = path.join(logDir, 'monitor_service.log');
      const checked = await runWithLogFile('group-writable', logFile, ['--check-config']);
      expect(checked.output).not.toContain('can be changed by others');
      expect(checked.code).toBe(0);
    });

    it('a log directory owned by nobody: exit 78', async () => {
      const logDir = path.join(dir, 'nobodys');
      mkdirSync(logDir, { mode: 0o755 });
      chownSync(logDir, 65534, 65534);
      const logFile = path.join(logDir, 'monitor_service.log');
      const { code, output } = await runWithLogFile('nobodys', logFile);
      expect(code).toBe(78);
      expect(output).toContain(`[logging] log_file = "${logFile}": the log directory ${logDir} (owner uid 65534, mode 0755) can be changed by others`);
      expect(output).toContain('owned by uid 65534, not root');
      expect(existsSync(logFile)).toBe(false);
    });

    it('a symbolic link planted at log_file, pointing at a root-only file: exit 78 naming the target, the file unchanged', async () => {
      const logDir = path.join(dir, 'planted');
      mkdirSync(logDir);
      const victim = path.join(dir, 'root-only.conf');
      writeFileSync(victim, 'root: secret\n', { mode: 0o600 });
      const before = statSync(victim);
      const logFile = path.join(logDir, 'monitor_service.log');
      symlinkSync(victim, logFile);
      const { code, output } = await runWithLogFile('planted', logFile);
      expect(code).toBe(78);
      expect(output).toContain(`[logging] log_file = "${logFile}" is a symbolic link to ${victim}; expected a regular file`);
      expect(readFileSync(victim, 'utf8')).toBe('root: secret\n');
      expect(statSync(victim).mtimeMs).toBe(before.mtimeMs);
    });
  });

  describe.skipIf(mariadbSkipReason())('removed while running', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('log_directory');
    });
    afterAll(() => db?.close());

    it('keeps running, logs to stdout, still clears an alarm, and the next line lands in a new file', async () => {
      const caseDir = path.join(dir, 'running');
      const logDir = path.join(caseDir, 'log');
      const agent = startAgent({
        dir: caseDir.replace(/\/running$/, ''),
        fileName: 'running.ini',
        socket: db.socket,
        database: db.name,
        sections: {
          // 1 KB: rotations on the way, too.
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
        // The line written after the removal noticed it: the directory and the file were
        // created again, and the lines since then are in the new file.
        const logFile = path.join(logDir, 'monitor_service.log');
        /** log_file and its rotated files, oldest first. */
        const logText = (): string =>
          [4, 3, 2, 1]
            .map((n) => `${logFile}.${n}`)
            .concat(logFile)
            .filter(existsSync)
            .map((f) => readFileSync(f, 'utf8'))
            .join('');
        expect(agent.count(/Log file .* was removed or replaced; writing to a new one/)).toBe(1);
        await waitFor(() => logText().includes('Alarm cleared for after_rmdir (ID: 61)'), { what: 'the alarm line in the new log file' });
        const text = logText();
        expect(text).not.toContain(messages.serviceStart()); // written before the removal: gone with it
        expect(text).toMatch(/Database check: \d+ process\(es\) in alarm/);
      } catch (error) {
        throw new Error(`${(error as Error).message.split('; output so far')[0]}\n${agent.output().slice(-5000)}`, { cause: error });
      } finally {
        await agent.stop();
      }
      expect(await agent.exited).toBe(0);
    });
  });
});
