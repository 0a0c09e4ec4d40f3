import { sleep } from '../clock/sleep.js';
import type { ProcessSettings } from '../config/types.js';
import { OUTPUT_LEFT_OPEN_NOTE } from '../exec/outputWait.js';
import { describeResult, runShellCommand, succeeded } from '../exec/runCommand.js';
import type { Logger } from '../log/createLogger.js';
import { messages } from '../log/messages.js';
import { expandCommand } from '../process/shellQuote.js';
import type { Strategy } from './strategies/Strategy.js';
import { verifyRestart } from './verifyRestart.js';

export interface ProcedureResult {
  success: boolean;
  attempts: number;
  reason: string;
  /** Restarts the service manager made by itself meanwhile (Strategy.managerRestarts): they count toward flapping. */
  managerRestarts?: number;
}

export interface ProcedureSignals {
  /**
   * The current attempt finishes and no new one starts (shutdown began, or the
   * claim was lost); its abort reason, when a string, says why in the result.
   */
  noNewAttempt: AbortSignal;
  /** Kills whatever command is running (the grace period is over). */
  hardStop: AbortSignal;
}

/** Why no further attempt was made, for the result's reason. */
function stoppedBecause(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'agent shutting down';
}

/**
 * pre_restart_command once (non-zero: abandon, a failure), then up to
 * max_attempts of restart → health check (→ stable_time), restart_delay apart, until
 * `noNewAttempt` or `hardStop` says otherwise.
 */
export async function runRestartProcedure(
  name: string,
  settings: ProcessSettings,
  strategy: Strategy,
  log: Logger,
  signals: ProcedureSignals,
  /** Called (and awaited) just before each restart command: the history records it. */
  beforeRestart: (attempt: number) => Promise<void> = () => Promise.resolve(),
): Promise<ProcedureResult> {
  if (settings.pre_restart_command !== '') {
    const pre = await runShellCommand(expandCommand(settings.pre_restart_command, name), {
      timeoutMs: settings.command_timeout * 1000,
      signal: signals.hardStop,
    });
    if (!succeeded(pre)) {
      const detail = describeResult(pre);
      log.error(messages.preRestartFailed(name, detail));
      return { success: false, attempts: 0, reason: `pre-restart command failed: ${detail}` };
    }
    log.debug(`RESTART LOG: Pre-restart command passed for ${name}`);
    if (pre.outputLeftOpen) log.warning(`RESTART LOG: Pre-restart command for ${name}: ${OUTPUT_LEFT_OPEN_NOTE}`);
  }

  let reason = 'no attempt made';
  let attempt = 0;
  let managerRestarts = 0;
  while (attempt < settings.max_attempts) {
    if (signals.noNewAttempt.aborted) {
      reason = `${reason}; ${stoppedBecause(signals.noNewAttempt)}, no further attempt`;
      break;
    }
    attempt += 1;
    log.info(messages.attempt(name, attempt, settings.max_attempts));
    // A restart under way is finished on shutdown (a half-done restart is worse
    // than a finished one); only the end of the grace period (hardStop) cuts it.
    await beforeRestart(attempt);
    const restarted = await strategy.restart(signals.hardStop);
    const startedAt = Date.now();
    if (!restarted.ok) {
      log.error(messages.restartCommandFailed(name, restarted.detail));
      reason = `attempt ${attempt}: ${restarted.detail}`;
    } else {
      if (restarted.warning !== undefined) log.warning(`RESTART LOG: ${name}: ${restarted.warning}`);
      log.debug(`RESTART LOG: ${name}: ${restarted.detail}`);
      const verdict = await verifyRestart(name, settings, strategy, startedAt, signals.hardStop, log, restarted.launch);
      managerRestarts += strategy.managerRestarts?.() ?? 0;
      if (verdict.ok) {
        log.info(messages.restartSucceeded(name));
        return { success: true, attempts: attempt, reason: `${restarted.detail}; ${verdict.detail}`, managerRestarts };
      }
      reason = `attempt ${attempt}: ${verdict.detail}`;
    }
    if (attempt < settings.max_attempts) await sleep(settings.restart_delay * 1000, signals.noNewAttempt);
  }
  log.error(messages.restartGaveUp(name, attempt, reason));
  return { success: false, attempts: attempt, reason, managerRestarts };
}
