import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSettings } from './types.js';

export interface PasswordSource {
  password: string;
  /** The file it came from, if any (for the permission warning). */
  file?: string;
}

/** password_file exists but someone other than root could change it. */
export class UntrustedFileError extends Error {}

/**
 * The password, from config.ini or from password_file. A relative
 * password_file is looked up in $CREDENTIALS_DIRECTORY first, so the unit can
 * use systemd's LoadCredential= and keep the secret out of config.ini.
 */
export function readPassword(
  db: DatabaseSettings,
  env: NodeJS.ProcessEnv,
  /** Why this file must not be used (someone other than root could change it), checked before it is read. */
  refuse: (file: string) => string | undefined = () => undefined,
): PasswordSource {
  if (db.password_file === '') return { password: db.password };
  const candidates: string[] = [];
  if (!path.isAbsolute(db.password_file) && env.CREDENTIALS_DIRECTORY) {
    candidates.push(path.join(env.CREDENTIALS_DIRECTORY, db.password_file));
  }
  candidates.push(db.password_file);
  for (const file of candidates) {
    try {
      statSync(file);
    } catch {
      continue;
    }
    const refusal = refuse(file);
    if (refusal) throw new UntrustedFileError(refusal);
    const firstLine = readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
    return { password: firstLine, file };
  }
  throw new Error(`cannot read password_file ${db.password_file}${env.CREDENTIALS_DIRECTORY ? ` (looked in $CREDENTIALS_DIRECTORY too)` : ''}`);
}

/** Warns when a file holding a secret can be read by group or others. */
export function exposedSecretWarning(file: string): string | undefined {
  try {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      return `${file} is readable by group or others (mode ${mode.toString(8).padStart(3, '0')}); it holds the database password: chmod 600 ${file}`;
    }
  } catch {
    // Not readable at all: the read itself reports that.
  }
  return undefined;
}
