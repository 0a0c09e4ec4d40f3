import type { Database } from '../db/Database.js';
import { renewClaim } from '../db/sql/renewClaim.js';

/** What a procedure holds while it runs: `lost` aborts when another agent has the claim. */
export interface HeldClaim {
  lost: AbortSignal;
  stop(): void;
  /** Set once the outcome's transaction released the claim: nothing left to release. */
  released: boolean;
}

export const CLAIM_LOST = 'claim lost to another agent';

/**
 * Renews the claim every third of the lease, so a long procedure is not taken
 * over. A renewal that finds the claim held by someone else aborts `lost`; one
 * that fails (database trouble) proves nothing and the next renewal tries again.
 */
export function keepClaim(db: Database, processId: number, agentId: string, leaseSeconds: number): HeldClaim {
  const controller = new AbortController();
  const timer = setInterval(
    () => {
      renewClaim(db, processId, agentId, leaseSeconds)
        .then((held) => {
          if (!held) controller.abort(CLAIM_LOST);
        })
        .catch(() => undefined);
    },
    (leaseSeconds * 1000) / 3,
  );
  return {
    lost: controller.signal,
    stop: () => clearInterval(timer),
    released: false,
  };
}
