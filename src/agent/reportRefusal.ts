import { recordDecision } from '../db/sql/history.js';
import { messages } from '../log/messages.js';
import type { AgentContext } from './AgentContext.js';
import type { ReportOnce } from './ReportOnce.js';

/**
 * A target the agent will never act on (see chooseStrategy): said once while
 * the alarm lasts, and recorded `rejected`. Nothing is claimed, run or
 * signalled; the alarm stays and the circuit breaker is left as it is.
 */
export async function reportRefusal(ctx: AgentContext, reports: ReportOnce, processId: number, name: string, reason: string): Promise<'rejected'> {
  if (!reports.shouldReport(processId, `refused:${reason}`)) return 'rejected';
  ctx.events.emit({ type: 'alarm.rejected', processId, name, reason, message: messages.refusedTarget(name, processId, reason) });
  await ctx.persist('record refusal', () => recordDecision(ctx.db, processId, name, ctx.agentId, 'rejected', reason));
  return 'rejected';
}
