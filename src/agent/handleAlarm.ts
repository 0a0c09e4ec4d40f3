import { admit, afterProcedure, breakerFromRow, retryAt, type BreakerSettings } from '../breaker/circuitBreaker.js';
import { formatTimestamp } from '../clock/formatTimestamp.js';
import { resolveProcessSettings } from '../config/resolveProcessSettings.js';
import { claimAlarm, claimHolder } from '../db/sql/claimAlarm.js';
import { clearAlarm } from '../db/sql/clearAlarm.js';
import { finishHistory, recordDecision, startHistory } from '../db/sql/history.js';
import type { AlarmRow } from '../db/sql/pollAlarms.js';
import { releaseClaim } from '../db/sql/releaseClaim.js';
import { renewClaim } from '../db/sql/renewClaim.js';
import { saveBreaker } from '../db/sql/saveBreaker.js';
import { messages } from '../log/messages.js';
import { chooseStrategy } from '../restart/strategies/chooseStrategy.js';
import { runRestartProcedure } from '../restart/runRestartProcedure.js';
import type { AgentContext } from './AgentContext.js';
import { recordRestartProgress } from './recordRestartProgress.js';
import type { ReportOnce } from './ReportOnce.js';
import { reportRefusal } from './reportRefusal.js';
import { confirmPreviousRestart, takeOverUnfinished } from './takeOver.js';

/** How one alarm ended for this agent (drives `--once`'s exit status). */
export type AlarmOutcome = 'cleared' | 'failed' | 'skipped' | 'elsewhere';

/**
 * The whole life of one alarm in this agent: breaker → claim → strategy →
 * procedure → outcome recorded. Every decision, including not acting, leaves
 * a log line and a history row.
 */
export async function handleAlarm(ctx: AgentContext, row: AlarmRow, name: string, reports: ReportOnce): Promise<AlarmOutcome> {
  const { config, db, log, agentId } = ctx;
  const id = row.process_id;
  const settings = resolveProcessSettings(config.processDefaults, config.processes[name]);
  const breakerSettings: BreakerSettings = {
    maxFailures: config.monitor.max_restart_failures,
    resetSeconds: config.monitor.circuit_reset_time,
  };
  const breaker = breakerFromRow(row);
  const admission = admit(breaker, row.db_now, breakerSettings);

  if (admission.kind === 'skip') {
    if (admission.firstReport) {
      log.info(messages.foundAlarm(name, id));
      const until = formatTimestamp(admission.retryAt);
      log.warning(messages.breakerOpenSkip(name, until));
      await ctx.persist('record breaker skip', async () => {
        await saveBreaker(db, id, admission.state, false);
        await recordDecision(db, id, name, agentId, 'skipped', `circuit breaker open after ${breaker.failures} failures; next trial after ${until}`);
      });
    }
    return 'skipped';
  }

  // Before the claim: a target the agent refuses is never claimed, and leaves the breaker alone.
  const choice = await chooseStrategy(id, name, settings);
  if (!choice.ok && choice.refused) return reportRefusal(ctx, reports, id, name, choice.reason);

  const leaseSeconds = config.monitor.claim_lease;
  const claimed = await ctx.persist('claim alarm', () => claimAlarm(db, id, agentId, leaseSeconds));
  if (!claimed) {
    const holder = await ctx.persist('read claim', () => claimHolder(db, id));
    if (holder !== '' && reports.shouldReport(id, `claimed:${holder}`)) log.info(messages.claimedElsewhere(name, holder));
    return 'elsewhere';
  }
  reports.forget(id);
  log.info(messages.foundAlarm(name, id));

  // Renew the lease while we work, so a long procedure is not taken over.
  const renewal = setInterval(
    () => {
      renewClaim(db, id, agentId, leaseSeconds).catch(() => undefined);
    },
    (leaseSeconds * 1000) / 3,
  );
  try {
    const takenOver = await takeOverUnfinished(ctx, id, name);
    if (admission.kind === 'trial') {
      log.info(messages.breakerTrial(name));
      await ctx.persist('save breaker', () => saveBreaker(db, id, admission.state, false));
    }

    const strategyName = choice.ok ? choice.strategy.name : settings.restart_strategy;
    if (choice.ok && choice.note !== 'configured') log.info(`RESTART LOG: ${name}: ${choice.note}`);
    log.info(messages.beginRestart(name, strategyName));
    const historyId = await ctx.persist('start history', () => startHistory(db, id, name, agentId, strategyName));

    let result: { success: boolean; attempts: number; reason: string };
    if (choice.ok) {
      result =
        (await confirmPreviousRestart(ctx, name, settings, takenOver)) ??
        (await runRestartProcedure(
          name,
          settings,
          choice.strategy,
          log,
          { draining: ctx.draining, hardStop: ctx.hardStop },
          recordRestartProgress(ctx, historyId, name),
        ));
    } else {
      log.error(`RESTART LOG: ${choice.reason}`);
      result = { success: false, attempts: 0, reason: choice.reason };
    }

    if (!result.success && ctx.hardStop.aborted) {
      // Cut short by the end of shutdown_grace_period: no verdict on the process, so the
      // breaker stays as it was and the alarm is kept. One try to say so in the history
      // (database writes no longer retry now); if it fails, the next start marks it interrupted.
      log.warning(`RESTART LOG: Restart procedure for ${name} interrupted by shutdown; alarm kept for the next start`);
      await finishHistory(db, historyId, {
        strategy: strategyName,
        attempts: result.attempts,
        outcome: 'interrupted',
        reason: `the agent was stopped and shutdown_grace_period ran out before this procedure finished; ${result.reason}`,
      }).catch(() => undefined);
      return 'skipped';
    }

    let cleared = false;
    if (result.success) {
      cleared = await ctx.persist('clear alarm', () => clearAlarm(db, id));
      if (cleared) log.info(messages.alarmCleared(name, id));
      else log.info(`Alarm for ${name} (ID: ${id}) was already cleared by someone else`);
    }

    const transition = afterProcedure(admission.state, result.success, breakerSettings);
    if (transition.opened) log.warning(messages.breakerOpened(name, transition.state.failures));
    if (transition.closed) log.info(messages.breakerClosed(name));
    if (transition.opened) {
      const reopensAt = retryAt({ ...transition.state, openedAt: row.db_now }, breakerSettings);
      log.debug(`Circuit breaker for ${name} allows a trial after about ${reopensAt ? formatTimestamp(reopensAt) : '?'}`);
    }
    await ctx.persist('record outcome', async () => {
      await saveBreaker(db, id, transition.state, transition.opened);
      await finishHistory(db, historyId, {
        strategy: strategyName,
        attempts: result.attempts,
        outcome: result.success ? 'success' : 'failure',
        reason: result.reason,
      });
    });
    return result.success ? 'cleared' : 'failed';
  } finally {
    clearInterval(renewal);
    // After the grace period persist() no longer retries: still try once, so another agent need not wait for the lease.
    const release = () => releaseClaim(db, id, agentId);
    await (ctx.hardStop.aborted ? release() : ctx.persist('release claim', release)).catch(() => undefined);
  }
}
