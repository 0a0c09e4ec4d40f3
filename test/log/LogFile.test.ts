// LogFile on a real file system: rotation in place, files planted by others,
// a file removed, renamed or replaced while the agent writes.
import { linkSync, lstatSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogFile, type LogFileOptions, type NoticeLevel } from '../../src/log/LogFile.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

let dir: string;
let file: string;
let notices: Array<[NoticeLevel, string]>;
let clock: number;
beforeEach(async () => {
  dir = await makeTempDir('monitor-logfile-');
  file = path.join(dir, 'monitor_service.log');
  notices = [];
  clock = 1_000_000;
});
afterEach(() => removeTempDir(dir));

function open(overrides: Partial<LogFileOptions> = {}): LogFile {
  return new LogFile({
    file,
    maxBytes: 1024,
    filesToKeep: 5,
    notice: (level, message) => notices.push([level, message]),
    now: () => clock,
    ...overrides,
  });
}

const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
const linesOf = (name: string): string[] => read(name).split('\n').filter(Boolean);
/** Lets the event loop turn, as between two of the agent's log calls. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes `count` lines of ~100 bytes, one per event-loop turn; returns them. */
async function writeLines(log: LogFile, count: number, prefix = 'line'): Promise<string[]> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const line = `${prefix} ${String(i).padStart(4, '0')} ${'x'.repeat(90)}`;
    log.write(line);
    lines.push(line);
    await nextTurn();
  }
  return lines;
}

/** Every line in log_file and log_file.1 … in the order written. */
function allLines(): string[] {
  const rotated = readdirSync(dir)
    .filter((name) => /^monitor_service\.log\.\d+$/.test(name))
    .sort((a, b) => Number(b.split('.').pop()) - Number(a.split('.').pop()));
  return [...rotated, 'monitor_service.log'].flatMap(linesOf);
}

describe('LogFile', () => {
  it('writes log_file itself, a regular file of mode 0640, one line per write, at once', () => {
    const log = open();
    log.write('first');
    // Synchronous: the line is in the file before write() returns.
    expect(read('monitor_service.log')).toBe('first\n');
    expect(lstatSync(file).isFile()).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    log.close();
  });

  it('rotates in place at max_log_size: same inode, log_files_to_keep files in all, no line lost before the oldest', async () => {
    const log = open({ filesToKeep: 3 });
    const inode = statSync(file).ino;
    const written = await writeLines(log, 60); // ~6 KB: 6 rotations at 1 KB
    log.close();
    expect(statSync(file).ino).toBe(inode);
    expect(readdirSync(dir).sort()).toEqual(['monitor_service.log', 'monitor_service.log.1', 'monitor_service.log.2']);
    for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(1024);
    // The kept files hold the newest lines, in order, each once.
    const kept = allLines();
    expect(kept).toEqual(written.slice(written.length - kept.length));
    expect(kept.length).toBeGreaterThan(20);
  });

  it('with log_files_to_keep = 1 keeps only log_file', async () => {
    const log = open({ filesToKeep: 1 });
    await writeLines(log, 30);
    log.close();
    expect(readdirSync(dir)).toEqual(['monitor_service.log']);
    expect(statSync(file).size).toBeLessThanOrEqual(1024);
  });

  it('lets a burst written in one go finish before rotating, so that a reader can catch up', async () => {
    const log = open();
    for (let i = 0; i < 30; i++) log.write(`burst ${i} ${'y'.repeat(90)}`);
    expect(linesOf('monitor_service.log')).toHaveLength(30); // ~3 KB, not rotated mid-burst
    await nextTurn();
    log.write('after the burst');
    expect(linesOf('monitor_service.log')).toEqual(['after the burst']);
    expect(linesOf('monitor_service.log.1')).toHaveLength(30);
    log.close();
  });

  it('appends to a regular log_file left by the old shell agent, keeping its content, and rotates it normally', async () => {
    const old = Array.from({ length: 5 }, (_, i) => `2023-06-15 10:00:0${i} - INFO - old agent line ${i}`);
    writeFileSync(file, `${old.join('\n')}\n`, { mode: 0o644 });
    const log = open({ filesToKeep: 3 });
    log.write('new line');
    expect(linesOf('monitor_service.log')).toEqual([...old, 'new line']);
    const written = await writeLines(log, 40);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['monitor_service.log', 'monitor_service.log.1', 'monitor_service.log.2']);
    const kept = allLines();
    expect(kept).toEqual([...old, 'new line', ...written].slice(-kept.length));
    expect(notices).toEqual([]);
  });

  it('never writes through a link planted at a rotation target: the link is replaced by a file', async () => {
    const victim = path.join(dir, 'root-only');
    writeFileSync(victim, 'secret\n', { mode: 0o600 });
    for (const n of [1, 2, 3, 4]) symlinkSync(victim, `${file}.${n}`);
    const log = open();
    await writeLines(log, 80);
    log.close();
    expect(read('root-only')).toBe('secret\n');
    expect(statSync(victim).mode & 0o777).toBe(0o600);
    for (const n of [1, 2, 3, 4]) expect(lstatSync(`${file}.${n}`).isFile()).toBe(true);
  });

  it('refuses a symbolic link at log_file: nothing written through it, said once, stdout only', () => {
    const victim = path.join(dir, 'root-only');
    writeFileSync(victim, 'secret\n', { mode: 0o600 });
    symlinkSync(victim, file);
    const log = open();
    log.write('a');
    clock += 5_000;
    log.write('b');
    log.close();
    expect(read('root-only')).toBe('secret\n');
    expect(notices).toHaveLength(1);
    expect(notices[0]![0]).toBe('warning');
    expect(notices[0]![1]).toMatch(/^Cannot write the log file .*monitor_service\.log \(.*ELOOP.*\); logging to stdout only until it can be reopened$/);
  });

  it('refuses a log_file with another hard link (another file under a second name)', () => {
    const other = path.join(dir, 'other');
    writeFileSync(other, 'keep\n');
    linkSync(other, file);
    const log = open();
    log.write('a');
    log.close();
    expect(read('other')).toBe('keep\n');
    expect(notices[0]![1]).toMatch(/hard links/);
  });

  it('refuses a FIFO at log_file without hanging', () => {
    execFileSync('mkfifo', [file]);
    const log = open();
    log.write('a');
    log.close();
    expect(notices[0]![1]).toMatch(/Cannot write the log file/);
  });

  it('a link planted at log_file while running is not followed', () => {
    const victim = path.join(dir, 'root-only');
    writeFileSync(victim, 'secret\n', { mode: 0o600 });
    const log = open();
    log.write('before');
    rmSync(file);
    symlinkSync(victim, file);
    log.write('after');
    log.close();
    expect(read('root-only')).toBe('secret\n');
    expect(notices.map(([level]) => level)).toEqual(['warning']);
  });

  it('after an external logrotate renamed log_file, writes to a new log_file and says so there', () => {
    const log = open();
    log.write('before');
    renameSync(file, `${file}-20261125`);
    log.write('after');
    expect(linesOf('monitor_service.log-20261125')).toEqual(['before']);
    expect(linesOf('monitor_service.log')).toEqual(['after']);
    expect(notices).toEqual([['info', `Log file ${file} was removed or replaced; writing to a new one`]]);
    log.close();
  });

  it('when the directory is removed, creates it again and the next line lands in the new file', () => {
    const nested = path.join(dir, 'log', 'monitor_service.log');
    const log = open({ file: nested });
    log.write('before');
    rmSync(path.dirname(nested), { recursive: true });
    log.write('after');
    expect(readFileSync(nested, 'utf8')).toBe('after\n');
    log.close();
  });

  it('while log_file cannot be opened: stdout only, said once; retried at most once a second; resumes and says so', () => {
    const blocked = path.join(dir, 'log');
    writeFileSync(blocked, 'a file where the directory should be\n');
    const log = open({ file: path.join(blocked, 'monitor_service.log') });
    log.write('lost 1');
    log.write('lost 2');
    expect(notices).toHaveLength(1);
    expect(notices[0]![1]).toMatch(/Cannot write the log file .*(ENOTDIR|EEXIST)/);
    rmSync(blocked);
    log.write('within the second: not retried yet');
    expect(() => statSync(blocked)).toThrow();
    clock += 1_000;
    log.write('back');
    log.close();
    expect(readFileSync(path.join(blocked, 'monitor_service.log'), 'utf8')).toBe('back\n');
    expect(notices).toHaveLength(2);
    expect(notices[1]).toEqual(['info', `Log file ${path.join(blocked, 'monitor_service.log')} reopened; file logging resumed`]);
  });

  it('does not write in a directory it distrusts, and says why', () => {
    const log = open({ distrustDirectory: (d) => `${d} is writable by group or others (mode 0777)` });
    log.write('a');
    log.close();
    expect(() => lstatSync(file)).toThrow();
    expect(notices[0]![1]).toContain('is writable by group or others (mode 0777)');
  });

  describe('upgrading from the dated files of an earlier version', () => {
    it('replaces the link by a regular file and names the files left beside it, once', () => {
      const dated = ['monitor_service-2026-11-24.log', 'monitor_service-2026-11-25.log', 'monitor_service-2026-11-25.log.1'];
      for (const name of dated) writeFileSync(path.join(dir, name), `${name}\n`);
      writeFileSync(path.join(dir, '.monitor_service-audit.json'), '{}');
      symlinkSync('monitor_service-2026-11-25.log.1', file);
      const log = open();
      log.write('first line of the new version');
      log.close();
      expect(lstatSync(file).isFile()).toBe(true);
      expect(linesOf('monitor_service.log')).toEqual(['first line of the new version']);
      // The dated files are untouched.
      for (const name of dated) expect(read(name)).toBe(`${name}\n`);
      expect(notices).toEqual([
        [
          'info',
          `Log file ${file} was a symbolic link to dated files of an earlier version; it is now a regular file, rotated to monitor_service.log.1, .2…; ` +
            "the earlier version's files remain beside it and can be removed: .monitor_service-audit.json, " +
            'monitor_service-2026-11-24.log, monitor_service-2026-11-25.log, monitor_service-2026-11-25.log.1',
        ],
      ]);
    });
  });

  it('creates a missing log directory with mode 0755', () => {
    const log = open({ file: path.join(dir, 'sub', 'monitor_service.log') });
    log.write('x');
    log.close();
    expect(statSync(path.join(dir, 'sub')).mode & 0o777).toBe(0o755);
  });
});
