import type { Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';
import { closeAbandonedHistory } from '../db/sql/closeAbandonedHistory.js';
import type { Logger } from '../log/createLogger.js';

/**
 * Pure: time for another sweep? Once per claim_lease is enough (a row can only
 * become abandoned when a lease expires) and keeps the cost at one indexed read
 * per lease, not per poll.
 */
export function sweepDue(lastRunMs: number | undefined, nowMs: number, leaseSeconds: number): boolean {
  return lastRunMs === undefined || nowMs - lastRunMs >= leaseSeconds * 1000;
}

/**
 * Closes the history rows other agents left in_progress on alarms that nobody
 * will claim again (see closeAbandonedHistory). A row left by an agent killed
 * between clearing the alarm and recording the outcome stayed in_progress for
 * ever: its own agent_id may never start again, and no takeover touches it.
 * Runs beside the poll, never holding it up.
 */
export class AbandonedHistorySweep {
  private lastRunMs: number | undefined;
  private running = false;

  constructor(
    private readonly db: () => Database,
    private readonly agentId: string,
    private readonly log: Logger,
  ) {}

  maybeRun(leaseSeconds: number, nowMs = Date.now()): void {
    if (this.running || !sweepDue(this.lastRunMs, nowMs, leaseSeconds)) return;
    this.running = true;
    this.lastRunMs = nowMs;
    closeAbandonedHistory(this.db(), this.agentId)
      .then((closed) => {
        if (closed > 0) {
          this.log.warning(`${closed} restart procedure(s) of other agents were left unfinished (claim expired, alarm no longer set); recorded as interrupted`);
        }
      })
      .catch((error: unknown) => this.log.debug(`unfinished procedures of other agents not checked: ${describeDbError(error)}`))
      .finally(() => {
        this.running = false;
      });
  }
}
