// DESIGN.md: a test that needs a real part and cannot start it skips with the reason
// locally, and fails in CI (CI=true), where a skipped integration test is a failed check.

export function inCI(): boolean {
  return process.env.CI === 'true';
}

const warned = new Set<string>();

/**
 * Applies the rule to a part ("MariaDB", "systemd user manager") that is unavailable for
 * `reason` ('' or undefined = available). Returns the reason to skip with, or undefined
 * when the part is available; throws in CI.
 */
export function skipReasonOrFail(part: string, reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  if (inCI()) throw new Error(`${part} is required in CI (CI=true) but unavailable: ${reason}`);
  if (!warned.has(part)) {
    warned.add(part);
    console.warn(`[test harness] skipping tests that need ${part}: ${reason}`);
  }
  return reason;
}
