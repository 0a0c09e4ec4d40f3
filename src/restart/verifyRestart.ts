import type { ProcessSettings } from '../config/types.js';
import { OUTPUT_LEFT_OPEN_NOTE } from '../exec/outputWait.js';
import type { Logger } from '../log/createLogger.js';
import { messages } from '../log/messages.js';
import { healthProbe, runHealthCheck } from './runHealthCheck.js';
import type { LaunchWatch, Strategy } from './strategies/Strategy.js';
import { watchStability } from './watchStability.js';

export interface Verdict {
  ok: boolean;
  /** For the history's reason: what passed, or why not. */
  detail: string;
}

/**
 * After a restart that reported success: the health check, polled until it passes
 * or health_check_timeout runs out; then, with stable_time set, it must keep
 * passing that long (supervisord's startsecs). A failure is logged here; a
 * launched start command that fails before the check passes fails the attempt.
 */
export async function verifyRestart(
  name: string,
  settings: ProcessSettings,
  strategy: Strategy,
  /** When the restart finished (ms since the epoch). */
  startedAt: number,
  signal: AbortSignal,
  log: Logger,
  /** The start command launched and not waited for (RestartResult.launch). */
  launch?: LaunchWatch,
): Promise<Verdict> {
  const health = await runHealthCheck(name, settings, signal, strategy.checkState, launch);
  if (health.outputLeftOpen) log.warning(`RESTART LOG: Health check for ${name}: ${OUTPUT_LEFT_OPEN_NOTE}`);
  if (health.startFailed === true) {
    // The restart itself failed (as when a start command fails at once), not the health check.
    log.error(messages.restartCommandFailed(name, health.detail));
    return { ok: false, detail: health.detail };
  }
  if (!health.healthy) {
    log.error(messages.healthCheckFailed(name));
    log.debug(`RESTART LOG: ${name}: ${health.detail}`);
    return { ok: false, detail: health.detail };
  }
  if (settings.stable_time <= 0) return { ok: true, detail: health.detail };
  const probe = healthProbe(name, settings, strategy.checkState, launch?.pid);
  const stable = await watchStability(probe, { stableSeconds: settings.stable_time, startedAt, runTimeoutMs: settings.health_check_timeout * 1000, signal });
  if (!stable.stable) {
    log.error(messages.startedButDied(name, stable.detail));
    return { ok: false, detail: stable.detail };
  }
  return { ok: true, detail: `${health.detail}; ${stable.detail}` };
}
