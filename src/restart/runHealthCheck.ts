import { sleep } from '../clock/sleep.js';
import type { ProcessSettings } from '../config/types.js';
import { describeResult, runShellCommand, succeeded, type CommandResult } from '../exec/runCommand.js';
import { expandCommand } from '../process/shellQuote.js';

/** Pause between two runs of a failing health check. */
export const HEALTH_RETRY_MS = 500;

export interface HealthReport {
  healthy: boolean;
  runs: number;
  detail: string;
}

/**
 * Runs the health check until it passes or health_check_timeout runs out.
 * Each run is itself cut off at the time left, so a hanging check cannot
 * stretch the deadline.
 */
export async function runHealthCheck(name: string, settings: ProcessSettings, signal?: AbortSignal): Promise<HealthReport> {
  const command = expandCommand(settings.health_check_command, name);
  const deadline = Date.now() + settings.health_check_timeout * 1000;
  let runs = 0;
  let last: CommandResult | undefined;
  do {
    runs += 1;
    last = await runShellCommand(command, { timeoutMs: Math.max(100, deadline - Date.now()), signal });
    if (succeeded(last)) return { healthy: true, runs, detail: `health check passed (run ${runs})` };
    await sleep(Math.min(HEALTH_RETRY_MS, deadline - Date.now()), signal);
  } while (Date.now() < deadline && !signal?.aborted);
  return {
    healthy: false,
    runs,
    detail: `health check "${command}" did not pass within ${settings.health_check_timeout}s (${runs} run(s)); last: ${describeResult(last)}`,
  };
}
