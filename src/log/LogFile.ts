import { closeSync, lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openLogFile } from './openLogFile.js';
import { replacePreviousVersionLink } from './replacePreviousVersionLink.js';
import { rotateLogFile, writeAll } from './rotateLogFile.js';
import { needsRotation } from './rotationPlan.js';

export type NoticeLevel = 'warning' | 'info';

export interface LogFileOptions {
  file: string;
  maxBytes: number;
  /** log_files_to_keep: the current file included. */
  filesToKeep: number;
  /** Hears that the file was lost, is back, or was migrated. Called from inside write(): defer any logging. */
  notice: (level: NoticeLevel, message: string) => void;
  /** Why the agent must not write in this directory (see findUntrustedPath), or undefined. */
  distrustDirectory?: (dir: string) => string | undefined;
  /** At most one attempt to reopen a lost file per this many ms. */
  reopenIntervalMs?: number;
  now?: () => number;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * log_file itself, written line by line with synchronous writes (nothing is
 * buffered, so nothing is lost at exit) and rotated by copy-then-truncate.
 * Before each write it checks that log_file is still the file it has open;
 * if not (removed, renamed by an external logrotate, its directory removed),
 * it opens log_file again — and while it cannot, lines go to stdout only.
 */
export class LogFile {
  private fd: number | undefined;
  private inode = { dev: -1, ino: -1 };
  private lastAttempt = Number.NEGATIVE_INFINITY;
  /** The loss has been reported and no line has reached a file since. */
  private lossReported = false;
  private resumeToReport: string | undefined;
  private closed = false;
  /** A line was written in this turn of the event loop (see write()). */
  private wroteThisTurn = false;

  constructor(private readonly options: LogFileOptions) {
    this.reopen();
  }

  write(line: string): void {
    if (this.closed) return;
    const size = this.sizeIfStillOurs();
    if (size === undefined && this.fd !== undefined) this.drop();
    if (this.fd === undefined && !this.reopenThrottled()) return;
    const data = Buffer.from(`${line}\n`);
    try {
      const current = size ?? this.sizeIfStillOurs() ?? 0;
      // Rotation waits for a write in a later turn of the event loop than the
      // last one, so that a reader (tail) has had a moment to read the end of
      // the file before it is truncated: a burst of lines written in one go
      // lets the file grow past max_log_size by that burst instead.
      if (!this.wroteThisTurn && needsRotation(current, data.length, this.options.maxBytes)) {
        rotateLogFile(this.fd!, current, this.options.file, this.options.filesToKeep);
      }
      writeAll(this.fd!, data);
      this.markWrittenThisTurn();
    } catch (error) {
      this.lose(reasonOf(error));
      return;
    }
    this.lossReported = false;
    if (this.resumeToReport) this.options.notice('info', this.resumeToReport);
    this.resumeToReport = undefined;
  }

  private markWrittenThisTurn(): void {
    if (this.wroteThisTurn) return;
    this.wroteThisTurn = true;
    setImmediate(() => (this.wroteThisTurn = false)).unref();
  }

  close(): void {
    this.closed = true;
    this.drop();
  }

  /** log_file's size when it is still the inode we write to, else undefined. */
  private sizeIfStillOurs(): number | undefined {
    if (this.fd === undefined) return undefined;
    try {
      const stats = lstatSync(this.options.file);
      return stats.ino === this.inode.ino && stats.dev === this.inode.dev ? stats.size : undefined;
    } catch {
      return undefined;
    }
  }

  private drop(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    // A file that was removed or replaced is worth one immediate attempt to reopen.
    this.lastAttempt = Number.NEGATIVE_INFINITY;
    this.resumeToReport ??= `Log file ${this.options.file} was removed or replaced; writing to a new one`;
    try {
      closeSync(fd);
    } catch {
      // Nothing more to lose.
    }
  }

  private reopenThrottled(): boolean {
    const now = (this.options.now ?? Date.now)();
    if (now - this.lastAttempt < (this.options.reopenIntervalMs ?? 1000)) return false;
    this.lastAttempt = now;
    return this.reopen();
  }

  private reopen(): boolean {
    const { file } = this.options;
    const dir = path.dirname(file);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      const distrust = this.options.distrustDirectory?.(dir);
      if (distrust) throw new Error(distrust);
      const leftovers = replacePreviousVersionLink(file);
      const { fd, stats } = openLogFile(file);
      this.fd = fd;
      this.inode = { dev: stats.dev, ino: stats.ino };
      if (leftovers) this.options.notice('info', migrationNotice(file, leftovers));
      return true;
    } catch (error) {
      this.lose(reasonOf(error));
      return false;
    }
  }

  private lose(reason: string): void {
    this.drop();
    this.lastAttempt = (this.options.now ?? Date.now)();
    this.resumeToReport = `Log file ${this.options.file} reopened; file logging resumed`;
    if (this.lossReported) return;
    this.lossReported = true;
    this.options.notice('warning', `Cannot write the log file ${this.options.file} (${reason}); logging to stdout only until it can be reopened`);
  }
}

function migrationNotice(file: string, leftovers: string[]): string {
  const listed = leftovers.length > 0 ? `; the earlier version's files remain beside it and can be removed: ${leftovers.join(', ')}` : '';
  return `Log file ${file} was a symbolic link to dated files of an earlier version; it is now a regular file, rotated to ${path.basename(file)}.1, .2…${listed}`;
}
