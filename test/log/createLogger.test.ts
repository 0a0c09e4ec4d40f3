import { lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoggingSettings } from '../../src/config/types.js';
import { createLogger, formatLine } from '../../src/log/createLogger.js';
import { messages } from '../../src/log/messages.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

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

/** The lines in log_file, a regular file. */
function linesOf(logFile: string): string[] {
  expect(lstatSync(logFile).isFile()).toBe(true);
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

/** log_file.1, log_file.2…: the rotated files. */
function rotatedFiles(): string[] {
  return readdirSync(dir).filter((name) => /^monitor_service\.log\.\d+$/.test(name));
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

  it("keeps the guide's message words", () => {
    expect(formatLine(date, 'info', messages.beginRestart('apache2', 'service'))).toBe(
      '2023-06-15 09:05:07 - INFO - RESTART LOG: Beginning restart procedure for apache2 (strategy: service)',
    );
  });
});

describe('createLogger with a real file', () => {
  it('writes formatted lines to log_file itself', async () => {
    const s = settings();
    const logger = createLogger(s, { console: false });
    const before = Date.now();
    logger.info(messages.serviceStart());
    logger.warning('disk almost full');
    logger.error('Database error: ECONNREFUSED');
    await logger.close();

    const lines = linesOf(s.log_file);
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
    const written = new Date(y!, mo! - 1, da, h, mi, se).getTime();
    expect(Math.abs(written - before)).toBeLessThan(5_000);

    expect(readdirSync(dir)).toEqual(['monitor_service.log']);
  });

  it('drops lines below the configured level (WARNING drops INFO and DEBUG)', async () => {
    const s = settings({ level: 'WARNING' });
    const logger = createLogger(s, { console: false });
    logger.debug('debug line');
    logger.info('info line');
    logger.warning('warning line');
    logger.error('error line');
    await logger.close();
    const lines = linesOf(s.log_file);
    expect(lines.map((l) => l.replace(/^.{19} - /, ''))).toEqual(['WARNING - warning line', 'ERROR - error line']);
  });

  it('writes DEBUG lines at level DEBUG, and only ERROR at level ERROR', async () => {
    const debug = settings({ level: 'DEBUG', log_file: path.join(dir, 'debug', 'monitor_service.log') });
    const logger = createLogger(debug, { console: false });
    logger.debug('d');
    logger.info('i');
    await logger.close();
    expect(linesOf(debug.log_file).map((l) => l.slice(22))).toEqual(['DEBUG - d', 'INFO - i']);

    const error = settings({ level: 'ERROR', log_file: path.join(dir, 'error', 'monitor_service.log') });
    const quiet = createLogger(error, { console: false });
    quiet.warning('w');
    quiet.error('e');
    await quiet.close();
    expect(linesOf(error.log_file).map((l) => l.slice(22))).toEqual(['ERROR - e']);
  });

  it('rotates by size in place and keeps log_files_to_keep files, the current one included', async () => {
    const s = settings({ max_log_size: 1, log_files_to_keep: 3 });
    const logger = createLogger(s, { console: false });
    const inode = statSync(s.log_file).ino;
    const filler = 'x'.repeat(90);
    for (let i = 0; i < 500; i++) {
      logger.info(`line ${String(i).padStart(4, '0')} ${filler}`); // ~60 KB in all
      // An agent's pace (a few lines at a time), not one synchronous 60 KB burst.
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await logger.close();

    expect(statSync(s.log_file).ino).toBe(inode); // tail -f stays on it
    expect(rotatedFiles().sort()).toEqual(['monitor_service.log.1', 'monitor_service.log.2']);
    // Nothing else in the directory.
    expect(readdirSync(dir).sort()).toEqual(['monitor_service.log', 'monitor_service.log.1', 'monitor_service.log.2']);
    // Oldest first: consecutive lines ending with the last one, each well-formed.
    const kept = ['monitor_service.log.2', 'monitor_service.log.1', 'monitor_service.log'].flatMap((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(text.length).toBeLessThanOrEqual(1024 + 5 * 120); // 1 KB, plus at most one turn's 5 lines
      return text.split('\n').filter(Boolean);
    });
    for (const line of kept) expect(line).toMatch(LINE);
    const numbers = kept.map((line) => Number(/ line (\d{4}) /.exec(line)![1]));
    expect(numbers.at(-1)).toBe(499);
    expect(numbers).toEqual(numbers.map((_, i) => 499 - (numbers.length - 1) + i));
  });

  it("an existing log_file with content (the old shell agent's): kept, appended to, then rotated normally", async () => {
    const s = settings({ max_log_size: 1, log_files_to_keep: 2 });
    const old = '2023-06-15 10:00:00 - INFO - Starting Process Monitor Service\n2023-06-15 10:05:00 - INFO - Found process in alarm: apache2 (ID: 1)\n';
    writeFileSync(s.log_file, old);
    const logger = createLogger(s, { console: false });
    logger.info('first line of this version');
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(s.log_file, 'utf8')).toMatch(
      /^2023-06-15 10:00:00 - INFO - Starting Process Monitor Service\n2023-06-15 10:05:00 - INFO - Found process in alarm: apache2 \(ID: 1\)\n.{19} - INFO - first line of this version\n$/,
    );
    for (let i = 0; i < 30; i++) {
      logger.info(`line ${i} ${'x'.repeat(90)}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await logger.close();
    expect(readdirSync(dir).sort()).toEqual(['monitor_service.log', 'monitor_service.log.1']);
    expect(linesOf(s.log_file).at(-1)).toMatch(/ - INFO - line 29 x+$/);
  });

  it('close() resolves only once every line is in the file', async () => {
    const s = settings();
    const logger = createLogger(s, { console: false });
    for (let i = 0; i < 20; i++) logger.info(`line ${i}`);
    logger.info(messages.serviceStopped());
    await logger.close();
    const lines = linesOf(s.log_file);
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
    expect(linesOf(s.log_file).map((l) => l.slice(22))).toEqual(['INFO - once']);
  });
});
