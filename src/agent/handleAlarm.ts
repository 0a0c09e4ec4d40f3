import { admit, afterProcedure, breakerFromRow, retryAt, type Admission, type BreakerSettings } from '../breaker/circuitBreaker.js';
import { breakerChanged } from '../breaker/breakerChanged.js';
import { describeFlapping, detectFlapping, type Flapping } from '../breaker/flapping.js';
import type { Config, ProcessSettings } from '../config/types.js';
import { resolveProcessSettings } from '../config/resolveProcessSettings.js';
import { checkedWrite } from '../db/checkedWrite.js';
import { claimAlarm, claimHolder, holdsClaim } from '../db/sql/claimAlarm.js';
import { clearAlarm } from '../db/sql/clearAlarm.js';
import { finishHistory, historyFinished, recordDecision, startHistory } from '../db/sql/history.js';
import type { AlarmRow } from '../db/sql/pollAlarms.js';
import { releaseClaim } from '../db/sql/releaseClaim.js';
import { saveBreaker } from '../db/sql/saveBreaker.js';
import { countRecentProcedures } from '../db/sql/recentProcedures.js';
import type { AgentEvent, ProcessRef } from '../events/AgentEvent.js';
import { withTransaction } from '../db/withTransaction.js';
import { formatTimestamp } from '../clock/formatTimestamp.js';
import { messages } from '../log/messages.js';
import { chooseStrategy, type StrategyChoice } from '../restart/strategies/chooseStrategy.js';
import { runRestartProcedure, type ProcedureResult } from '../restart/runRestartProcedure.js';
import type { AgentContext } from './AgentContext.js';
import { interruptionOf, interruptionReason } from './interruptionOf.js';
import { keepClaim, type HeldClaim } from './keepClaim.js';
import { recordRestartProgress } from './recordRestartProgress.js';
import type { ReportOnce } from './ReportOnce.js';
import { reportRefusal } from './reportRefusal.js';
import { confirmPreviousRestart, takeOverUnfinished } from './takeOver.js';

/**
 * How one alarm ended for this agent (drives `--once`'s exit status).
 * skipped: breaker open. rejected: a target the agent refuses. elsewhere:
 * another agent holds the claim. interrupted: cut short by shutdown or a lost
 * claim, no verdict on the process.
 */
export type AlarmOutcome = 'cleared' | 'failed' | 'skipped' | 'rejected' | 'elsewhere' | 'interrupted';

export function breakerSettingsOf(config: Config): BreakerSettings {
  return { maxFailures: config.monitor.max_restart_failures, resetSeconds: config.monitor.circuit_reset_time };
}

/**
 * The whole life of one alarm in this agent: breaker → strategy → claim →
 * procedure → outcome recorded. Every decision, including not acting, is an
 * event (and so a log line) and a history row.
 */
export async function handleAlarm(ctx: AgentContext, row: AlarmRow, name: string, reports: ReportOnce): Promise<AlarmOutcome> {
  const target: ProcessRef = { processId: row.process_id, name };
  const settings = resolveProcessSettings(ctx.config.processDefaults, ctx.config.processes[name]);
  const admission = admit(breakerFromRow(row), row.db_now, breakerSettingsOf(ctx.config));
  if (admission.kind === 'skip') return skipWhileBreakerOpen(ctx, target, admission);

  // Before the claim: a target the agent refuses is never claimed, and leaves the breaker alone.
  const choice = await chooseStrategy(target.processId, name, settings);
  if (!choice.ok && choice.refused) return reportRefusal(ctx, reports, target.processId, name, choice.reason);

  if (!(await claim(ctx, target, reports))) return 'elsewhere';
  reports.forget(target.processId);
  ctx.events.emit({ type: 'alarm.seen', ...target });
  const held = keepClaim(ctx.db, target.processId, ctx.agentId, ctx.config.monitor.claim_lease);
  try {
    return await runClaimed(ctx, row, target, settings, choice, admission, held);
  } finally {
    held.stop();
    if (!held.released) {
      // After the grace period persist() no longer retries: still try once, so another agent need not wait for the lease.
      const release = () => releaseClaim(ctx.db, target.processId, ctx.agentId);
      await (ctx.hardStop.aborted ? release() : ctx.persist('release claim', release)).catch(() => undefined);
    }
  }
}

/** The breaker is open: said and recorded once per opening, nothing run. */
async function skipWhileBreakerOpen(ctx: AgentContext, target: ProcessRef, admission: Extract<Admission, { kind: 'skip' }>): Promise<'skipped'> {
  if (!admission.firstReport) return 'skipped';
  const { failures } = admission.state;
  ctx.events.emit({ type: 'alarm.seen', ...target });
  ctx.events.emit({ type: 'breaker.skipped', ...target, failures, retryAt: admission.retryAt });
  const reason = `circuit breaker open after ${failures} failures; next trial after ${formatTimestamp(admission.retryAt)}`;
  await ctx.persist('record breaker skip', async () => {
    await saveBreaker(ctx.db, target.processId, admission.state, false);
    await recordDecision(ctx.db, target.processId, target.name, ctx.agentId, 'skipped', reason);
  });
  return 'skipped';
}

/** Takes the claim; if another agent holds it, says who (once while it lasts). */
async function claim(ctx: AgentContext, target: ProcessRef, reports: ReportOnce): Promise<boolean> {
  const { db, agentId } = ctx;
  const { processId } = target;
  // A claim whose outcome is unknown (node gone mid-statement) is read back before it is tried again.
  const take = checkedWrite(
    () => claimAlarm(db, processId, agentId, ctx.config.monitor.claim_lease),
    () => holdsClaim(db, processId, agentId),
  );
  if (await ctx.persist('claim alarm', take)) return true;
  const holder = await ctx.persist('read claim', () => claimHolder(db, processId));
  if (holder !== '' && reports.shouldReport(processId, `claimed:${holder}`)) ctx.log.info(messages.claimedElsewhere(target.name, holder));
  return false;
}

/** With the claim held: the procedure, then its verdict on the alarm and the breaker. */
async function runClaimed(
  ctx: AgentContext,
  row: AlarmRow,
  target: ProcessRef,
  settings: ProcessSettings,
  choice: StrategyChoice,
  admission: Exclude<Admission, { kind: 'skip' }>,
  held: HeldClaim,
): Promise<AlarmOutcome> {
  const { db } = ctx;
  const { processId, name } = target;
  const takenOver = await takeOverUnfinished(ctx, processId, name);
  if (admission.kind === 'trial') {
    ctx.events.emit({ type: 'breaker.trial', ...target });
    await ctx.persist('save breaker', () => saveBreaker(db, processId, admission.state, false));
  }

  const strategy = choice.ok ? choice.strategy.name : settings.restart_strategy;
  ctx.events.emit({ type: 'procedure.started', ...target, strategy, note: choice.ok && choice.note !== 'configured' ? choice.note : '' });
  // Nothing before the first restart command (no pre-restart command, no earlier restart to confirm): the row records it.
  const restartsAtOnce = choice.ok && settings.pre_restart_command === '' && takenOver?.restart === undefined;
  let historyTries = 0;
  const history = await ctx.persist('start history', () =>
    startHistory(db, processId, name, ctx.agentId, strategy, { retry: historyTries++ > 0, restartsAtOnce }),
  );
  const historyId = history.id;

  let result: ProcedureResult;
  if (choice.ok) {
    result =
      (await confirmPreviousRestart(ctx, name, settings, choice.strategy, takenOver)) ??
      (await runRestartProcedure(
        name,
        settings,
        choice.strategy,
        ctx.log,
        { noNewAttempt: AbortSignal.any([ctx.draining, held.lost]), hardStop: ctx.hardStop },
        recordRestartProgress(ctx, historyId, name, history.restartRecorded),
      ));
  } else {
    ctx.log.error(`RESTART LOG: ${choice.reason}`);
    result = { success: false, attempts: 0, reason: choice.reason };
  }

  const interruptedBy = interruptionOf(result.success, ctx.hardStop.aborted, held.lost.aborted);
  if (interruptedBy) {
    // No verdict on the process: the breaker stays as it was and the alarm is kept.
    const finished = { strategy, attempts: result.attempts, outcome: 'interrupted' as const, reason: interruptionReason(interruptedBy, result.reason) };
    ctx.events.emit({ type: 'procedure.finished', ...target, ...finished, interruptedBy });
    // After the grace period database writes no longer retry: one try; if it fails, the next start marks the row interrupted.
    const write = () => finishHistory(db, historyId, finished);
    await (ctx.hardStop.aborted ? write() : ctx.persist('record interruption', write)).catch(() => undefined);
    return 'interrupted';
  }

  const flapping = await findFlapping(ctx, processId, settings, result.managerRestarts ?? 0);
  const breakerSettings = breakerSettingsOf(ctx.config);
  const transition = afterProcedure(admission.state, result.success, breakerSettings, flapping?.restarts);
  const breakerEvents: AgentEvent[] = [];
  if (transition.opened) {
    const trialAfter = retryAt({ ...transition.state, openedAt: row.db_now }, breakerSettings) ?? undefined;
    breakerEvents.push({ type: 'breaker.opened', ...target, failures: transition.state.failures, trialAfter, ...(flapping ? { flapping } : {}) });
  }
  if (transition.closed) breakerEvents.push({ type: 'breaker.closed', ...target });

  // Flapping first: the status screen shows the start of the reason.
  const reason = flapping ? `${describeFlapping(flapping)}, circuit breaker opened; ${result.reason}` : result.reason;
  const finished = { strategy, attempts: result.attempts, outcome: result.success ? ('success' as const) : ('failure' as const), reason };
  const finishedEvent: AgentEvent = { type: 'procedure.finished', ...target, ...finished };
  // The cleared alarm, the outcome, the notifications it calls for and the claim's release are
  // committed together: none without the others. A COMMIT whose outcome is unknown is read back
  // first: the notifications are never queued twice.
  let clearedByAgent = false;
  const record = checkedWrite(
    () =>
      withTransaction(db, async (tx) => {
        if (result.success) clearedByAgent = await clearAlarm(tx, processId);
        if (breakerChanged(admission.state, transition.state)) await saveBreaker(tx, processId, transition.state, transition.opened);
        await finishHistory(tx, historyId, finished);
        await ctx.queueNotifications(tx, [...breakerEvents, finishedEvent]);
        await releaseClaim(tx, processId, ctx.agentId);
        return true as const;
      }),
    () => historyFinished(db, historyId),
  );
  await ctx.persist('record outcome', record);
  held.released = true;
  // Said once recorded: whoever reads the log line finds the database already says so.
  if (result.success) ctx.events.emit({ type: 'alarm.cleared', ...target, byAgent: clearedByAgent });
  for (const event of [...breakerEvents, finishedEvent]) ctx.events.emit(event);
  return result.success ? 'cleared' : 'failed';
}

/** A restart loop: flap_threshold restarts (procedures, this one included, and its manager's own) within flap_window. */
async function findFlapping(ctx: AgentContext, processId: number, settings: ProcessSettings, managerRestarts: number): Promise<Flapping | undefined> {
  if (settings.flap_threshold <= 0) return undefined;
  const recent = await ctx.persist('count recent procedures', () => countRecentProcedures(ctx.db, processId, settings.flap_threshold, settings.flap_window));
  return detectFlapping(recent, settings.flap_threshold, settings.flap_window, managerRestarts);
}
