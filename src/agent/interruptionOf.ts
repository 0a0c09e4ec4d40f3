import type { Interruption } from '../events/AgentEvent.js';

/**
 * Pure: was the procedure cut short, so that it gives no verdict on the
 * process (no alarm cleared, breaker left as it was)? A lost claim always:
 * the alarm belongs to the agent that took it over. A shutdown only when the
 * procedure did not succeed before the grace period ran out.
 */
export function interruptionOf(success: boolean, hardStopped: boolean, claimLost: boolean): Interruption | undefined {
  if (claimLost) return 'claim lost';
  if (!success && hardStopped) return 'shutdown';
  return undefined;
}

/** The history's reason for an interrupted procedure. */
export function interruptionReason(by: Interruption, procedureReason: string): string {
  const why =
    by === 'shutdown'
      ? 'the agent was stopped and shutdown_grace_period ran out before this procedure finished'
      : 'the claim expired (not renewed within claim_lease) and another agent took the alarm over';
  return `${why}; ${procedureReason}`;
}
