/** A restart loop found in the history: so many procedures within the window. */
export interface Flapping {
  restarts: number;
  windowSeconds: number;
}

/**
 * Pure: is the process flapping? `recentProcedures` counts its procedures
 * (successful or not, this one included) started within flap_window.
 * flap_threshold 0 turns the check off.
 */
export function detectFlapping(recentProcedures: number, threshold: number, windowSeconds: number): Flapping | undefined {
  if (threshold <= 0 || recentProcedures < threshold) return undefined;
  return { restarts: recentProcedures, windowSeconds };
}

/** How history and status say it: "flapping: 5 restarts in 300 s". */
export function describeFlapping(flapping: Flapping): string {
  return `flapping: ${flapping.restarts} restarts in ${flapping.windowSeconds} s`;
}
