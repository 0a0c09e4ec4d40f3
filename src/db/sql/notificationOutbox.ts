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
  const rows = await runQuery<Array<{ process_id: number | null; kind: string }>>(
    db,
    `SELECT DISTINCT process_id, kind FROM monitor_notification
     WHERE channel = ? AND suppressed = 0 AND sent_at >= NOW(3) - INTERVAL ? SECOND`,
    [channel, seconds],
  );
  return new Set(rows.map((row) => repeatKey(row.process_id, row.kind)));
}

export function repeatKey(processId: number | null, kind: string): string {
  return `${processId ?? '-'}/${kind}`;
}
