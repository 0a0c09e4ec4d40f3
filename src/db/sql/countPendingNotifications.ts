import type { Database } from '../Database.js';
import { runQuery } from '../runQuery.js';
/** The notification channels (src/notify/channels): the index is (channel, sent_at, created_at). */
const CHANNEL_NAMES = ['email', 'webhook', 'command'];

/** Notifications not sent yet: one range of the (channel, sent_at) index per channel. */
export async function countPendingNotifications(db: Database): Promise<number> {
  const rows = await runQuery<Array<{ pending: number | string }>>(
    db,
    `SELECT COUNT(*) AS pending FROM monitor_notification WHERE channel IN (${CHANNEL_NAMES.map(() => '?').join(', ')}) AND sent_at IS NULL`,
    [...CHANNEL_NAMES],
  );
  return Number(rows[0]?.pending ?? 0);
}
