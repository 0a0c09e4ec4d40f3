// Under systemd with StandardOutput=journal, the console lines carry sd-daemon
// priority prefixes and no timestamp of their own (journalctl -p filters by them);
// anywhere else, including a service whose stdout was redirected to a file while
// JOURNAL_STREAM was inherited, they keep the guide's format.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJournalStream, journalLine } from '../../src/log/journalStream.js';
import { AGENT_CLI, writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

describe('isJournalStream', () => {
  it('matches only the stream JOURNAL_STREAM names', () => {
    expect(isJournalStream('64769:1234', { dev: 64769, ino: 1234 })).toBe(true);
    expect(isJournalStream('64769:1234', { dev: 64769, ino: 1235 })).toBe(false);
    expect(isJournalStream('1:1234', { dev: 64769, ino: 1234 })).toBe(false);
    expect(isJournalStream(undefined, { dev: 0, ino: 0 })).toBe(false);
    expect(isJournalStream('', { dev: 0, ino: 0 })).toBe(false);
    expect(isJournalStream('64769:1234:9', { dev: 64769, ino: 1234 })).toBe(false);
  });
});

describe('journalLine', () => {
  it('prefixes the sd-daemon priority of each level', () => {
    expect(journalLine('error', 'x')).toBe('<3>x');
    expect(journalLine('warning', 'x')).toBe('<4>x');
    expect(journalLine('info', 'Starting Process Monitor Service')).toBe('<6>Starting Process Monitor Service');
    expect(journalLine('debug', 'x')).toBe('<7>x');
  });
});

describe.skipIf(mariadbSkipReason())('the agent on a journal stream', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('journal');
    dir = await makeTempDir();
    // An unregistered id in alarm: a WARNING line to look for.
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (905, 1, 0, NULL)');
  });
  afterAll(async () => {
    await db?.close();
    await removeTempDir(dir);
  });

  /** Runs `--once` with stdout on a file; JOURNAL_STREAM names that file, or another one. */
  async function runOnce(journalNamesStdout: boolean): Promise<string[]> {
    const config = writeAgentConfig({ dir, socket: db.socket, database: db.name, sections: { logging: { log_file: '', level: 'INFO' } } });
    const out = path.join(dir, `stdout-${String(journalNamesStdout)}.txt`);
    const fd = openSync(out, 'w');
    try {
      const named = statSync(journalNamesStdout ? out : config);
      // The file itself as the agent's stdout (not a pipe to it), as systemd passes its journal socket.
      const child = spawn(process.execPath, [AGENT_CLI, '--config', config, '--once'], {
        stdio: ['ignore', fd, 'inherit'],
        env: { ...process.env, JOURNAL_STREAM: `${named.dev}:${named.ino}` },
      });
      await once(child, 'exit');
    } finally {
      closeSync(fd);
    }
    return readFileSync(out, 'utf8').split('\n').filter(Boolean);
  }

  it('writes <priority>message lines when stdout is the journal stream', async () => {
    const lines = await runOnce(true);
    expect(lines[0]).toBe('<6>Starting Process Monitor Service');
    expect(lines).toContain('<4>Process ID 905 is in alarm but has no row in PROCESE; nothing to restart (register it with INSERT INTO PROCESE)');
    expect(lines.filter((line) => !/^<[3467]>/.test(line))).toEqual([]);
  });

  it("keeps the guide's format when JOURNAL_STREAM names another stream", async () => {
    const lines = await runOnce(false);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - INFO - Starting Process Monitor Service$/);
    expect(lines.some((line) => line.startsWith('<'))).toBe(false);
  });
});
