import type { ProcessSettings } from '../config/types.js';
import { markTakenOver } from '../db/sql/history.js';
import { findUnfinished, type UnfinishedProcedure } from '../db/sql/unfinishedProcedures.js';
import { formatTimestamp } from '../clock/formatTimestamp.js';
import { runHealthCheck } from '../restart/runHealthCheck.js';
import type { ProcedureResult } from '../restart/runRestartProcedure.js';
import type { Strategy } from '../restart/strategies/Strategy.js';
import type { AgentContext } from './AgentContext.js';

/** What the procedure we take over had done: who held it, and its latest restart if any. */
export interface TakenOver {
  from: string;
  restart: { agentId: string; attempt: number; at: Date } | undefined;
}

/** Pure: the latest restart among the unfinished procedures (they may be several, after several crashes). */
export function summarizeTakeOver(rows: readonly UnfinishedProcedure[]): TakenOver | undefined {
  if (rows.length === 0) return undefined;
  let restart: TakenOver['restart'];
  for (const row of rows) {
    if (row.restartedAt && (!restart || row.restartedAt.getTime() >= restart.at.getTime())) {
      restart = { agentId: row.agentId, attempt: row.attempts, at: row.restartedAt };
    }
  }
  return { from: rows[rows.length - 1]!.agentId, restart };
}

/**
 * We now hold the claim: procedures other agents left in_progress on this
 * process lost their lease. Reads what they had done, then closes their rows as
 * interrupted (taken over).
 */
export async function takeOverUnfinished(ctx: AgentContext, id: number, name: string): Promise<TakenOver | undefined> {
  const { db, agentId, log } = ctx;
  const rows = await ctx.persist('read taken-over history', () => findUnfinished(db, id, agentId));
  if (rows.length === 0) return undefined;
  await ctx.persist('close taken-over history', () => markTakenOver(db, id, agentId));
  log.warning(`Alarm for ${name} (ID: ${id}): the claim of another agent expired; taking over its unfinished restart procedure`);
  return summarizeTakeOver(rows);
}

/**
 * The agent we took over from had already issued a restart: restarting again
 * would be a second restart for one alarm. Check health first (a full
 * health_check_timeout, as after any restart); healthy means done. Undefined:
 * not restarted before, or not healthy, so the normal procedure runs.
 */
export async function confirmPreviousRestart(
  ctx: AgentContext,
  name: string,
  settings: ProcessSettings,
  strategy: Strategy,
  takenOver: TakenOver | undefined,
): Promise<ProcedureResult | undefined> {
  const restart = takenOver?.restart;
  if (!restart) return undefined;
  const { log } = ctx;
  const what = `agent ${restart.agentId} had restarted it (attempt ${restart.attempt}, ${formatTimestamp(restart.at)}) before its claim expired`;
  log.info(`RESTART LOG: ${name}: ${what}; checking health before restarting again`);
  const health = await runHealthCheck(name, settings, ctx.hardStop, strategy.checkState);
  if (!health.healthy) {
    log.warning(`RESTART LOG: ${name}: not healthy after that restart (${health.detail}); restarting`);
    return undefined;
  }
  log.info(`RESTART LOG: ${name} is healthy after the restart by agent ${restart.agentId}; not restarted again`);
  return { success: true, attempts: 0, reason: `taken over: ${what}; ${health.detail}; not restarted again` };
}
