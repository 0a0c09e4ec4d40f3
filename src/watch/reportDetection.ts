import type { BreakerSettings } from '../breaker/circuitBreaker.js';
import type { Database } from '../db/Database.js';
import { recordDecision } from '../db/sql/history.js';
import { raiseAlarm } from '../db/sql/raiseAlarm.js';
import { findWatchTargets } from '../db/sql/watchTargets.js';
import { withTransaction } from '../db/withTransaction.js';
import type { AgentEvent } from '../events/AgentEvent.js';
import type { EventBus } from '../events/EventBus.js';
import { decideRaise } from './decideRaise.js';

/** What raising an alarm needs from the running agent. */
export interface DetectionContext {
  db(): Database;
  agentId: string;
  events: EventBus;
  breaker(): BreakerSettings;
  /** Runs a database operation until it succeeds (or the agent stops). */
  persist<T>(what: string, operation: () => Promise<T>): Promise<T>;
  queueNotifications(tx: Database, events: readonly AgentEvent[]): Promise<void>;
}

/** A failure a watch saw (evidence already made printable). */
export interface Detection {
  name: string;
  watch: string;
  evidence: string;
  /** Still failing after an alarm raised for the same streak: acts (and says so) only where the alarm was cleared meanwhile. */
  repeat?: boolean;
}

/**
 * A watch saw `name` fail: for each PROCESE row of that name, raise its alarm
 * (alarma 0 → 1 only) or say why not, record a `detected` history row with the
 * evidence, in one transaction, and tell the subscribers (the log line
 * "Detected failure of NAME: …"). The poll then restarts it as any alarm.
 */
export async function reportDetection(ctx: DetectionContext, detection: Detection): Promise<void> {
  const { name, watch, evidence, repeat = false } = detection;
  const rows = await ctx.persist('find watched process', () => findWatchTargets(ctx.db(), name));
  if (repeat && rows.every((row) => decideRaise(row, ctx.breaker()).raise !== true)) return;
  if (rows.length === 0) {
    // No history row to record it with: the notification outbox queues it from the event.
    ctx.events.emit({ type: 'watch.unregistered', name, watch, evidence });
    return;
  }
  for (const row of rows) {
    const event = await ctx.persist('record detection', () =>
      withTransaction(ctx.db(), async (tx) => {
        const decision = decideRaise(row, ctx.breaker());
        const raised = decision.raise ? await raiseAlarm(tx, row.process_id) : false;
        // A repeat says nothing where nothing changed: the alarm is still being handled, or the breaker holds it.
        if (repeat && !raised) return undefined;
        const notRaised = raised ? null : decision.raise ? 'changed' : decision.because;
        const why = decision.raise ? (raised ? '' : 'the row changed meanwhile (already in alarm, or removed)') : decision.why;
        const reason = `${watch} watch: ${evidence}; ${raised ? 'alarm raised' : `alarm not raised: ${why}`}`;
        await recordDecision(tx, row.process_id, name, ctx.agentId, 'detected', reason);
        const detected: AgentEvent = { type: 'watch.detected', processId: row.process_id, name, watch, evidence, raised, notRaised, why };
        await ctx.queueNotifications(tx, [detected]);
        return detected;
      }),
    );
    if (event) ctx.events.emit(event);
  }
}
