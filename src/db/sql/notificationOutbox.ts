import type { Database } from '../Database.js';
import { runQuery, type WriteResult } from '../runQuery.js';
import type { Notification, NotificationKind } from '../../notify/Notification.js';

export interface OutboxRow {
  id: number;
  channel: string;
  kind: NotificationKind;
  process_id: number | null;
  process_name: string;
  hostname: string;
  body: string;
  created_at: Date;
}

/** The parts of a notification kept in `body` (JSON). */
export type NotificationBody = Pick<Notification, 'what' | 'tried' | 'why' | 'next'>;

/** One row per channel, so a webhook that works is not held back by a mail server that does not. */
export async function queueNotification(db: Database, channels: readonly string[], n: Notification, agentId: string, hostname: string): Promise<void> {
  const body = JSON.stringify({ what: n.what, tried: n.tried, why: n.why, next: n.next } satisfies NotificationBody);
  for (const channel of channels) {
    await runQuery(
      db,
      `INSERT INTO monitor_notification (channel, kind, process_id, process_name, agent_id, hostname, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3))`,
      [channel, n.kind, n.processId, n.processName.slice(0, 255), agentId, hostname.slice(0, 255), body],
    );
  }
}

/** Seconds the oldest unsent, unleased notification of a channel has waited (undefined: none). */
export async function oldestUnsentAge(db: Database, channel: string): Promise<number | undefined> {
  const rows = await runQuery<Array<{ age: number | null }>>(
    db,
    `SELECT TIMESTAMPDIFF(MICROSECOND, MIN(created_at), NOW(3)) / 1000000 AS age FROM monitor_notification
     WHERE channel = ? AND sent_at IS NULL AND (holder = '' OR lease_until < NOW(3))`,
    [channel],
  );
  const age = rows[0]?.age;
  return age === null || age === undefined ? undefined : Number(age);
}

/**
 * Takes every unsent notification of a channel that nobody else holds, for
 * `leaseSeconds`: a conditional UPDATE on the database's clock, so with two
 * agents each row is claimed by one. Returns the rows now held.
 */
export async function claimUnsent(db: Database, channel: string, holder: string, leaseSeconds: number): Promise<OutboxRow[]> {
  await runQuery<WriteResult>(
    db,
    `UPDATE monitor_notification SET holder = ?, lease_until = NOW(3) + INTERVAL ? SECOND, attempts = attempts + 1
     WHERE channel = ? AND sent_at IS NULL AND (holder = '' OR holder = ? OR lease_until < NOW(3))`,
    [holder, leaseSeconds, channel, holder],
  );
  return runQuery<OutboxRow[]>(
    db,
    `SELECT id, channel, kind, process_id, process_name, hostname, body, created_at FROM monitor_notification
     WHERE channel = ? AND sent_at IS NULL AND holder = ? AND lease_until >= NOW(3) ORDER BY id`,
    [channel, holder],
  );
}

/** Delivered (or, `suppressed`, folded into a repeat count): never sent again. Only rows this holder still holds. */
export async function markSent(db: Database, ids: readonly number[], holder: string, suppressed: boolean): Promise<void> {
  if (ids.length === 0) return;
  await runQuery(
    db,
    `UPDATE monitor_notification SET sent_at = NOW(3), suppressed = ? WHERE holder = ? AND sent_at IS NULL AND id IN (${ids.map(() => '?').join(',')})`,
    [suppressed ? 1 : 0, holder, ...ids],
  );
}

/** Lets another try (this agent's next round or another agent) take them at once. */
export async function releaseUnsent(db: Database, ids: readonly number[], holder: string): Promise<void> {
  if (ids.length === 0) return;
  await runQuery(db, `UPDATE monitor_notification SET holder = '' WHERE holder = ? AND sent_at IS NULL AND id IN (${ids.map(() => '?').join(',')})`, [
    holder,
    ...ids,
  ]);
}

/** Keys `process_id/kind` that were really sent on this channel within `seconds`, and when the last one went. */
export async function recentlySent(db: Database, channel: string, seconds: number): Promise<Set<string>> {
  const rows = await runQuery<RepeatSubject[]>(
    db,
    `SELECT DISTINCT process_id, kind, IF(process_id IS NULL, process_name, '') AS process_name FROM monitor_notification
     WHERE channel = ? AND suppressed = 0 AND sent_at >= NOW(3) - INTERVAL ? SECOND`,
    [channel, seconds],
  );
  return new Set(rows.map(repeatKey));
}

/** Keys per statement when counting repeats (a storm can put 1,000 in one digest). */
const KEYS_PER_QUERY = 200;

/**
 * For each `process_id/kind` about to be sent: how many of the same event were
 * folded (suppressed) on this channel since it was last really sent. Reads the
 * index `repeats` for the given keys only.
 */
export async function countFoldedRepeats(db: Database, channel: string, subjects: readonly RepeatSubject[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const keys = [...new Map(subjects.map((subject) => [repeatKey(subject), subject])).values()];
  // The same subject: the same process, or (no process) the same name.
  const sameSubject = (a: string, b: string) =>
    `${a}.process_id <=> ${b}.process_id AND ${a}.kind = ${b}.kind AND (${a}.process_id IS NOT NULL OR ${a}.process_name = ${b}.process_name)`;
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const chunk = keys.slice(start, start + KEYS_PER_QUERY);
    const rows = await runQuery<Array<RepeatSubject & { folded: number }>>(
      db,
      `SELECT n.process_id, n.kind, IF(n.process_id IS NULL, n.process_name, '') AS process_name, COUNT(*) AS folded
       FROM monitor_notification n
       WHERE n.channel = ? AND n.suppressed = 1
         AND (${chunk.map(() => '(n.process_id <=> ? AND n.kind = ? AND (n.process_id IS NOT NULL OR n.process_name = ?))').join(' OR ')})
         AND n.sent_at > COALESCE((SELECT MAX(m.sent_at) FROM monitor_notification m
           WHERE m.channel = n.channel AND ${sameSubject('m', 'n')} AND m.suppressed = 0), '1000-01-01')
       GROUP BY n.process_id, n.kind, IF(n.process_id IS NULL, n.process_name, '')`,
      [channel, ...chunk.flatMap((key) => [key.process_id, key.kind, key.process_name])],
    );
    for (const row of rows) counts.set(repeatKey(row), Number(row.folded));
  }
  return counts;
}

/** What repeat_interval folds by: the process, or for other events (an agent gone) the name they are about. */
export type RepeatSubject = Pick<OutboxRow, 'process_id' | 'kind' | 'process_name'>;

export function repeatKey(subject: RepeatSubject): string {
  return subject.process_id === null ? `-${subject.process_name}/${subject.kind}` : `${subject.process_id}/${subject.kind}`;
}
