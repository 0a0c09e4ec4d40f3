import { escapeControlCharacters } from '../log/escapeControlCharacters.js';

/** Evidence longer than this is cut: it goes into one log line and a history row (reason holds 1024 characters). */
export const EVIDENCE_LIMIT = 400;

/** Pure: text a watch saw (a log line, a command's output: anything) made safe for one log line and a history row. */
export function shownEvidence(text: string): string {
  const cut = text.length > EVIDENCE_LIMIT ? `${text.slice(0, EVIDENCE_LIMIT)}…` : text;
  return escapeControlCharacters(cut);
}
