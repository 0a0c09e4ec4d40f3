import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UntrustedFileError } from './readPassword.js';

/**
 * The first line of a secret file (smtp_password_file, webhook_secret_file),
 * looked up like password_file: a relative name in $CREDENTIALS_DIRECTORY
 * first. Errors name the file, never its content.
 */
export function readSecretFile(file: string, env: NodeJS.ProcessEnv, refuse: (file: string) => string | undefined): string {
  const candidates: string[] = [];
  if (!path.isAbsolute(file) && env.CREDENTIALS_DIRECTORY) candidates.push(path.join(env.CREDENTIALS_DIRECTORY, file));
  candidates.push(file);
  for (const candidate of candidates) {
    try {
      statSync(candidate);
    } catch {
      continue;
    }
    const refusal = refuse(candidate);
    if (refusal) throw new UntrustedFileError(refusal);
    return readFileSync(candidate, 'utf8').split(/\r?\n/)[0] ?? '';
  }
  throw new Error(`cannot read ${file}${env.CREDENTIALS_DIRECTORY ? ' (looked in $CREDENTIALS_DIRECTORY too)' : ''}`);
}
