import pRetry from 'p-retry';
import type { Database } from '../db/Database.js';
import { claimUnsent, countFoldedRepeats, markSent, recentlySent, releaseUnsent, repeatKey, type OutboxRow } from '../db/sql/notificationOutbox.js';
import type { Channel } from './channels/Channel.js';
import { composeDigest } from './composeDigest.js';

/** How long a claimed batch is ours: longer than the retries of one send. */
export const DELIVERY_LEASE_SECONDS = 120;

export interface DeliverySettings {
  digestWindowSeconds: number;
  repeatIntervalSeconds: number;
  /** Tries of one send before the batch is released for a later round. */
  tries: number;
  minRetryMs: number;
}

export type DeliveryResult =
  { kind: 'idle' } | { kind: 'sent'; notifications: number; repeats: number; detail: string } | { kind: 'failed'; notifications: number; error: unknown };

/** Splits claimed rows: those whose event was already sent within repeat_interval are folded (pure). */
export function splitRepeats(rows: readonly OutboxRow[], recent: ReadonlySet<string>): { fresh: OutboxRow[]; repeats: OutboxRow[] } {
  const fresh: OutboxRow[] = [];
  const repeats: OutboxRow[] = [];
  for (const row of rows) (recent.has(repeatKey(row)) ? repeats : fresh).push(row);
  return { fresh, repeats };
}

/**
 * One round for one channel: claims everything unsent (the caller waited for
 * the oldest to be digest_window old), drops repeats within repeat_interval,
 * sends the rest as one digest with backoff, marks them sent. On failure the
 * rows are released, unsent, for the next round or another agent.
 */
export async function deliverChannel(db: Database, channel: Channel, holder: string, settings: DeliverySettings, signal: AbortSignal): Promise<DeliveryResult> {
  const rows = await claimUnsent(db, channel.name, holder, DELIVERY_LEASE_SECONDS);
  if (rows.length === 0) return { kind: 'idle' };
  const recent = settings.repeatIntervalSeconds > 0 ? await recentlySent(db, channel.name, settings.repeatIntervalSeconds) : new Set<string>();
  const { fresh, repeats } = splitRepeats(rows, recent);
  await markSent(
    db,
    repeats.map((row) => row.id),
    holder,
    true,
  );
  if (fresh.length === 0) return { kind: 'sent', notifications: 0, repeats: repeats.length, detail: 'repeats only' };
  // Repeats folded since the last message about the same event are counted in this one.
  const folded = await countFoldedRepeats(db, channel.name, fresh);
  const digest = composeDigest(fresh, folded);
  try {
    const detail = await pRetry(() => channel.send(digest), { retries: settings.tries - 1, minTimeout: settings.minRetryMs, factor: 2, signal });
    await markSent(
      db,
      fresh.map((row) => row.id),
      holder,
      false,
    );
    return { kind: 'sent', notifications: fresh.length, repeats: repeats.length, detail };
  } catch (error) {
    await releaseUnsent(
      db,
      fresh.map((row) => row.id),
      holder,
    ).catch(() => undefined);
    return { kind: 'failed', notifications: fresh.length, error };
  }
}
