/** A restart loop found in the history: so many procedures within the window. */
export interface Flapping {
  restarts: number;
  windowSeconds: number;
  /** Of `restarts`, those the service manager made by itself (its own loop). */
  byManager: number;
}

/**
 * Pure: is the process flapping? `recentProcedures` counts its procedures
 * (successful or not, this one included) started within flap_window;
 * `managerRestarts` the restarts its service manager made by itself during
 * this one (a loop supervisord or svscan hides). flap_threshold 0 turns the
 * check off.
 */
export function detectFlapping(recentProcedures: number, threshold: number, windowSeconds: number, managerRestarts = 0): Flapping | undefined {
  const restarts = recentProcedures + managerRestarts;
  if (threshold <= 0 || restarts < threshold) return undefined;
  return { restarts, windowSeconds, byManager: managerRestarts };
}

/** How history and status say it: "flapping: 5 restarts in 300 s" (", 3 of them by its service manager"). */
export function describeFlapping(flapping: Flapping): string {
  const byManager = flapping.byManager > 0 ? ` (${flapping.byManager} of them by its service manager)` : '';
  return `flapping: ${flapping.restarts} restarts in ${flapping.windowSeconds} s${byManager}`;
}
