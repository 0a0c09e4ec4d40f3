import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `text` atomically: written to a temporary file in the
 * same directory (a name node_exporter skips: it reads only *.prom), then
 * renamed over it, so the collector never reads half a file. `refuse` says why
 * the directory must not be written (someone other than root could change it,
 * and so plant a link where root writes), checked before every write.
 */
export async function writeTextfile(file: string, text: string, refuse: (dir: string) => string | undefined): Promise<void> {
  const dir = path.dirname(file);
  const refusal = refuse(dir);
  if (refusal) throw new Error(`not written: ${refusal}`);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, { mode: 0o644, flag: 'w' });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
