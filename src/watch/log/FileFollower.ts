import { constants, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import type { WatchProblems } from '../Watcher.js';

/** Bytes read per read() call. */
const CHUNK_BYTES = 256 * 1024;

export interface FollowOptions {
  /** Bytes read at most per poll: a file written faster falls behind (said once) rather than taking the CPU. */
  budgetBytes: number;
}

interface OpenFile {
  handle: FileHandle;
  dev: number;
  ino: number;
  position: number;
}

function sameFile(open: OpenFile, stats: Stats): boolean {
  return open.dev === stats.dev && open.ino === stats.ino;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}

/**
 * Follows a file by name like `tail -F`: at each poll, the bytes appended since
 * the last one. A file present at the first poll is read from its end (only new
 * lines count); one that appears later, or replaces it (rotation: another
 * inode), from its start, after the rest of the old one; one that shrank
 * (truncation, copytruncate) from its start again. A name that is missing is
 * waited for; one that is a symbolic link or not a regular file is not opened
 * (root would read wherever the link points): both said once.
 */
export class FileFollower {
  private current: OpenFile | undefined;
  private firstPoll = true;
  /** Bytes left unread at the last read (the per-poll budget ran out). */
  private behind = 0;

  constructor(
    private readonly file: string,
    private readonly problems: WatchProblems,
    private readonly onData: (chunk: Buffer) => void,
    private readonly onSwitch: () => void,
    private readonly options: FollowOptions,
  ) {}

  async poll(): Promise<void> {
    const atStart = this.firstPoll;
    this.firstPoll = false;
    let budget = this.options.budgetBytes;
    const named = await this.lstatName();
    if (named === undefined) {
      // The name is gone or unusable: what the old file still gets is read (a rotated log still being written).
      if (this.current) await this.readAvailable(this.current, budget);
      return;
    }
    if (this.current && sameFile(this.current, named)) {
      if (named.size < this.current.position) this.current.position = 0; // truncated
    } else {
      if (this.current) {
        budget -= await this.readAvailable(this.current, budget);
        await this.closeCurrent();
        this.onSwitch();
      }
      this.current = await this.openName(atStart);
      if (!this.current) return;
    }
    await this.readAvailable(this.current, budget);
    if (this.behind > 0) {
      this.problems.once('behind', `${this.file} grows faster than ${this.options.budgetBytes} bytes per check: reading falls behind (shorten watch_interval)`);
    } else {
      this.problems.resolved('behind');
    }
  }

  async close(): Promise<void> {
    await this.closeCurrent();
  }

  /** What the name is now, or undefined (missing, a link, not a regular file: said once). */
  private async lstatName(): Promise<Stats | undefined> {
    let stats: Stats;
    try {
      stats = await lstat(this.file);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') this.problems.once('missing', `${this.file} does not exist (yet): waiting for it`);
      else this.problems.once('unreadable', `${this.file} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
    this.problems.resolved('missing');
    this.problems.resolved('unreadable');
    if (stats.isSymbolicLink()) {
      this.problems.once('symlink', `${this.file} is a symbolic link: not followed (as root, a link would make the agent read any file); name the file itself`);
      return undefined;
    }
    this.problems.resolved('symlink');
    if (!stats.isFile()) {
      this.problems.once('not a file', `${this.file} is not a regular file: not read`);
      return undefined;
    }
    this.problems.resolved('not a file');
    return stats;
  }

  /** Opens the name without following a link (swapped in since lstat): from its end at the first poll, else from its start. */
  private async openName(atStart: boolean): Promise<OpenFile | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(this.file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP')
        this.problems.once(
          'symlink',
          `${this.file} is a symbolic link: not followed (as root, a link would make the agent read any file); name the file itself`,
        );
      else if (code !== 'ENOENT') this.problems.once('unreadable', `${this.file} cannot be read: ${(error as Error).message}`);
      return undefined;
    }
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      this.problems.once('not a file', `${this.file} is not a regular file: not read`);
      return undefined;
    }
    return { handle, dev: stats.dev, ino: stats.ino, position: atStart ? stats.size : 0 };
  }

  /**
   * Reads what the file holds beyond the position, up to `budget` bytes (buffers
   * sized to what is there: a quiet file costs one fstat). Returns how many
   * bytes were read; `behind` is set to what is left unread.
   */
  private async readAvailable(file: OpenFile, budget: number): Promise<number> {
    const size = (await file.handle.stat()).size;
    if (size < file.position) file.position = 0; // truncated since the last look
    const want = Math.min(budget, size - file.position);
    let total = 0;
    while (total < want) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, want - total));
      const { bytesRead } = await file.handle.read(buffer, 0, buffer.length, file.position);
      if (bytesRead === 0) break;
      file.position += bytesRead;
      total += bytesRead;
      this.onData(buffer.subarray(0, bytesRead));
    }
    this.behind = size - file.position;
    return total;
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.handle.close().catch(() => undefined);
  }
}
