import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The largest config.ini read. A real one is a few KB; a 50 MB file of junk
 * once took 35 s and 2.4 GB to be judged, so anything larger is refused
 * before it is parsed.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ConfigBytes = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** Reads at most MAX_CONFIG_BYTES + 1 bytes: enough to know the file is too large, never more. */
export function readConfigBytes(file: string, limit = MAX_CONFIG_BYTES): ConfigBytes {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { ok: false, reason: `a readable configuration file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limit) return { ok: false, reason: `a configuration file of at most ${limit} bytes (1 MiB); this one is larger` };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: `a readable configuration file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    closeSync(fd);
  }
}
