import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an Authorization header carries this user and password (HTTP basic
 * authentication). Both sides are hashed to the same length and compared in
 * constant time, so the time taken says nothing about how much was right.
 */
export function basicAuthMatches(header: string | undefined, user: string, password: string): boolean {
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header ?? '');
  const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  // Compared even without a header, so a missing one takes as long as a wrong one.
  const same = timingSafeEqual(digest(given), digest(`${user}:${password}`));
  return match !== null && same;
}

/** The header asking the browser for a user and password. */
export const BASIC_AUTH_CHALLENGE = 'Basic realm="monitor_service status", charset="UTF-8"';
