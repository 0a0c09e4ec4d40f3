import { escapeControlCharacters } from '../log/escapeControlCharacters.js';
import type { NotificationBody, OutboxRow } from '../db/sql/notificationOutbox.js';
import { repeatKey } from '../db/sql/notificationOutbox.js';

/** One event of a digest: the same event for the same process within it is one entry with a count. */
export interface DigestEntry extends NotificationBody {
  kind: string;
  host: string;
  processId: number | null;
  process: string;
  count: number;
  firstAt: string;
  /** The same event not sent again within repeat_interval since the last message about it. */
  foldedRepeats: number;
}

/** One message for one channel: e-mail subject and text, and the structured entries for JSON. */
export interface Digest {
  subject: string;
  text: string;
  entries: DigestEntry[];
}

const SUBJECT_MAX = 150;

/**
 * The rows claimed for one channel as one message (pure). Everything that
 * came from the database has its control characters escaped, so a process
 * name cannot add a mail header or a line of its own.
 */
export function composeDigest(rows: readonly OutboxRow[], folded: ReadonlyMap<string, number> = new Map()): Digest {
  const byKey = new Map<string, DigestEntry>();
  for (const row of rows) {
    const key = `${row.hostname}\u0000${repeatKey(row)}`;
    const known = byKey.get(key);
    if (known) {
      known.count += 1;
      continue;
    }
    const body = parseBody(row.body);
    byKey.set(key, {
      kind: row.kind,
      host: clean(row.hostname),
      processId: row.process_id,
      process: clean(row.process_name),
      count: 1,
      firstAt: row.created_at.toISOString(),
      foldedRepeats: folded.get(repeatKey(row)) ?? 0,
      what: clean(body.what),
      tried: clean(body.tried),
      why: clean(body.why),
      next: clean(body.next),
    });
  }
  const entries = [...byKey.values()];
  const hosts = [...new Set(entries.map((e) => e.host))].join(', ');
  const first = entries[0];
  const headline = entries.length === 1 && first ? first.what : `${rows.length} notifications (${entries.length} distinct events)`;
  const subject = truncate(`monitor_service on ${hosts}: ${headline}`, SUBJECT_MAX);
  const text = [`monitor_service on ${hosts}: ${headline}`, '', ...entries.map(describeEntry)].join('\n');
  return { subject, text, entries };
}

function describeEntry(entry: DigestEntry): string {
  const process = entry.processId === null ? '' : ` process ${entry.process || '(no name)'} (ID ${entry.processId})`;
  const times = entry.count > 1 ? ` (${entry.count} times since ${entry.firstAt})` : ` (${entry.firstAt})`;
  const folded =
    entry.foldedRepeats > 0 ? [`  Also ${entry.foldedRepeats} time(s) since the last message about it (not sent again within repeat_interval)`] : [];
  return [
    `* ${entry.host}${process}: ${entry.what}${times}`,
    ...folded,
    `  Tried: ${entry.tried}`,
    `  Why it stopped: ${entry.why}`,
    `  What you can do: ${entry.next}`,
    '',
  ].join('\n');
}

function parseBody(text: string): NotificationBody {
  try {
    const parsed = JSON.parse(text) as Partial<NotificationBody>;
    return { what: parsed.what ?? '', tried: parsed.tried ?? '', why: parsed.why ?? '', next: parsed.next ?? '' };
  } catch {
    return { what: text, tried: '', why: '', next: '' };
  }
}

function clean(text: string): string {
  return escapeControlCharacters(String(text));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
