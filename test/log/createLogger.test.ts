import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoggingSettings } from '../../src/config/types.js';
import { createLogger, formatLine, formatTimestamp } from '../../src/log/createLogger.js';
import { messages } from '../../src/log/messages.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

const LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - (DEBUG|INFO|WARNING|ERROR) - .*$/;

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('monitor-log-');
});
afterEach(async () => {
  await removeTempDir(dir);
});

function settings(overrides: Partial<LoggingSettings> = {}): LoggingSettings {
  return { log_file: path.join(dir, 'monitor_service.log'), max_log_size: 5120, log_files_to_keep: 5, level: 'INFO', ...overrides };
}

/** The lines in the file behind the log_file symlink. */
function linesBehindSymlink(logFile: string): string[] {
  expect(lstatSync(logFile).isSymbolicLink()).toBe(true);
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

/**
 * The lines behind the symlink once `lastLine` is there. close() should already
 * guarantee that (tested on its own below); waiting here keeps the other tests
 * about what they test.
 */
async function settledLines(logFile: string, lastLine: string): Promise<string[]> {
  await waitFor(() => readFileSync(logFile, 'utf8').includes(lastLine), { what: `${lastLine} in ${logFile}`, timeoutMs: 5_000 });
  return linesBehindSymlink(logFile);
}

/** Dated log files (not the symlink, not the audit file). */
function logFiles(): string[] {
  return readdirSync(dir).filter((name) => /^monitor_service-\d{4}-\d{2}-\d{2}\.log(\.\d+)?$|^monitor_service-\d{4}-\d{2}-\d{2}(\.\d+)?\.log$/.test(name));
}

describe('formatLine', () => {
  const date = new Date(2023, 5, 15, 9, 5, 7); // local time, as the guide prints it

  it('writes `YYYY-MM-DD HH:MM:SS - LEVEL - message`', () => {
    expect(formatLine(date, 'info', 'Starting Process Monitor Service')).toBe('2023-06-15 09:05:07 - INFO - Starting Process Monitor Service');
  });

  it.each([
    ['debug', 'DEBUG'],
    ['info', 'INFO'],
    ['warning', 'WARNING'],
    ['error', 'ERROR'],
  ])('spells level %s as %s', (level, shown) => {
    const line = formatLine(date, level, 'x');
    expect(line).toBe(`2023-06-15 09:05:07 - ${shown} - x`);
    expect(line).toMatch(LINE);
  });

  it('pads every field', () => {
    expect(formatTimestamp(new Date(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05');
    expect(formatTimestamp(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31 23:59:59');
  });

  it('keeps the guide\'s message words', () => {
    expect(formatLine(date, 'info', messages.beginRestart('apache2', 'service'))).toBe(
      '2023-06-15 09:05:07 - INFO - RESTART LOG: Beginning restart procedure for apache2 (strategy: service)',
    );
  });
});

describe('createLogger with a real file', () => {
  it('writes formatted lines to the file behind the log_file symlink', async () => {
    const s = settings();
    const logger = createLogger(s, { console: false });
    const before = Date.now();
    logger.info(messages.serviceStart());
    logger.warning('disk almost full');
    logger.error('Database error: ECONNREFUSED');
    await logger.close();

    const lines = await settledLines(s.log_file, 'ECONNREFUSED');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines[0]).toMatch(/ - INFO - Starting Process Monitor Service$/);
    expect(lines[1]).toMatch(/ - WARNING - disk almost full$/);
    expect(lines[2]).toMatch(/ - ERROR - Database error: ECONNREFUSED$/);
    // The timestamp is now, local time.
    const stamp = lines[0]!.slice(0, 19);
    const [d, t] = stamp.split(' ');
    const [y, mo, da] = d!.split('-').map(Number);
    const [h, mi, se] = t!.split(':').map(Number);
    const written = new Date(y!, mo! - 1, da!, h, mi, se).getTime();
    expect(Math.abs(written - before)).toBeLessThan(5_000);

    // The symlink points at a dated file in the same directory.
    const target = readlinkSync(s.log_file);
    expect(path.basename(target)).toMatch(/^monitor_service-\d{4}-\d{2}-\d{2}/);
  });

  it('drops lines below the configured level (WARNING drops INFO and DEBUG)', async () => {
    const s = settings({ level: 'WARNING' });
    const logger = createLogger(s, { console: false });
    logger.debug('debug line');
    logger.info('info line');
    logger.warning('warning line');
    logger.error('error line');
    await logger.close();
    const lines = await settledLines(s.log_file, 'error line');
    expect(lines.map((l) => l.replace(/^.{19} - /, ''))).toEqual(['WARNING - warning line', 'ERROR - error line']);
  });

  it('writes DEBUG lines at level DEBUG, and only ERROR at level ERROR', async () => {
    const debug = settings({ level: 'DEBUG', log_file: path.join(dir, 'debug', 'monitor_service.log') });
    const logger = createLogger(debug, { console: false });
    logger.debug('d');
    logger.info('i');
    await logger.close();
    expect((await settledLines(debug.log_file, 'INFO - i')).map((l) => l.slice(22))).toEqual(['DEBUG - d', 'INFO - i']);

    const error = settings({ level: 'ERROR', log_file: path.join(dir, 'error', 'monitor_service.log') });
    const quiet = createLogger(error, { console: false });
    quiet.warning('w');
    quiet.error('e');
    await quiet.close();
    expect((await settledLines(error.log_file, 'ERROR - e')).map((l) => l.slice(22))).toEqual(['ERROR - e']);
  });

  it('rotates by size and keeps at most log_files_to_keep files', async () => {
    const s = settings({ max_log_size: 1, log_files_to_keep: 3 });
    const logger = createLogger(s, { console: false });
    const filler = 'x'.repeat(90);
    for (let i = 0; i < 500; i++) {
      logger.info(`line ${String(i).padStart(4, '0')} ${filler}`); // ~50 KB in all
      // An agent's pace (a few lines at a time), not one synchronous 50 KB burst.
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await logger.close();
    await settledLines(s.log_file, 'line 0499');
    // Deleting the oldest file may finish just after the last write: wait for it.
    const files = await waitFor(logFiles, { what: `at most 3 log files in ${dir}`, until: (found) => found.length <= 3, timeoutMs: 5_000 });
    expect(files.length).toBeGreaterThanOrEqual(2); // it did rotate
    expect(files.some((f) => /\.\d+(\.log)?$/.test(f))).toBe(true); // size rotation adds .N
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(text.length).toBeLessThanOrEqual(1024 + 200);
      for (const line of text.split('\n').filter(Boolean)) expect(line).toMatch(LINE);
    }
    // Nothing else was left in the directory: the symlink, the audit file, the kept files.
    expect(readdirSync(dir).filter((f) => !files.includes(f)).sort()).toEqual(['.monitor_service-audit.json', 'monitor_service.log']);
  });

  it('close() resolves only once every line is in the file', async () => {
    const s = settings();
    const logger = createLogger(s, { console: false });
    for (let i = 0; i < 20; i++) logger.info(`line ${i}`);
    logger.info(messages.serviceStopped());
    await logger.close();
    const lines = linesBehindSymlink(s.log_file);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toMatch(/ - INFO - Process Monitor Service stopped$/);
  });

  it('close() is safe to call twice', async () => {
    const s = settings();
    const logger = createLogger(s, { console: false });
    logger.info('once');
    const first = logger.close();
    const second = logger.close();
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    // Closed once: the line was written once, and nothing failed on the second call.
    expect((await settledLines(s.log_file, 'once')).map((l) => l.slice(22))).toEqual(['INFO - once']);
  });
});
