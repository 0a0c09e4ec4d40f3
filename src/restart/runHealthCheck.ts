import { sleep } from '../clock/sleep.js';
import type { ProcessSettings } from '../config/types.js';
import { OUTPUT_LEFT_OPEN_NOTE } from '../exec/outputWait.js';
import { describeResult, runShellCommand, succeeded } from '../exec/runCommand.js';
import { expandCommand } from '../process/shellQuote.js';
import { builtinPgrep, isDefaultPgrepCheck } from './builtinPgrep.js';
import type { StateCheck } from './strategies/Strategy.js';

/** Pause between two runs of a failing health check. */
export const HEALTH_RETRY_MS = 500;

export interface HealthReport {
  healthy: boolean;
  runs: number;
  detail: string;
  /** The passing run left a process outside its group holding its output (not waited for). */
  outputLeftOpen?: boolean;
}

interface CheckRun {
  healthy: boolean;
  /** Why it did not pass, for the log and history. */
  failure: string;
  outputLeftOpen: boolean;
}

/** A strategy's own check, standing in for the default `pgrep %s`. */
export type StrategyStateCheck = (signal: AbortSignal) => Promise<StateCheck>;

/**
 * One run: with the default `pgrep %s`, the strategy's own check if it has one, else
 * pgrep answered in-process (same rule, no fork); otherwise the configured command.
 */
async function checkOnce(
  name: string,
  command: string,
  builtin: boolean,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  stateCheck: StrategyStateCheck | undefined,
): Promise<CheckRun> {
  if (builtin && stateCheck) {
    const state = await stateCheck(signal ?? new AbortController().signal);
    return { healthy: state.healthy, failure: state.detail, outputLeftOpen: false };
  }
  if (builtin) {
    const found = await builtinPgrep(name);
    if (found !== undefined) return { healthy: found, failure: `no running process whose name matches ${name}`, outputLeftOpen: false };
  }
  const result = await runShellCommand(command, { timeoutMs, signal });
  return { healthy: succeeded(result), failure: describeResult(result), outputLeftOpen: result.outputLeftOpen };
}

/**
 * Runs the health check until it passes or health_check_timeout runs out.
 * Each run is itself cut off at the time left, so a hanging check cannot
 * stretch the deadline.
 */
export async function runHealthCheck(name: string, settings: ProcessSettings, signal?: AbortSignal, stateCheck?: StrategyStateCheck): Promise<HealthReport> {
  const command = expandCommand(settings.health_check_command, name);
  const builtin = isDefaultPgrepCheck(settings.health_check_command);
  const deadline = Date.now() + settings.health_check_timeout * 1000;
  let runs = 0;
  let last: CheckRun;
  do {
    runs += 1;
    last = await checkOnce(name, command, builtin, Math.max(100, deadline - Date.now()), signal, stateCheck);
    if (last.healthy) {
      const note = last.outputLeftOpen ? `; ${OUTPUT_LEFT_OPEN_NOTE}` : '';
      return { healthy: true, runs, detail: `health check passed (run ${runs})${note}`, outputLeftOpen: last.outputLeftOpen };
    }
    await sleep(Math.min(HEALTH_RETRY_MS, deadline - Date.now()), signal);
  } while (Date.now() < deadline && !signal?.aborted);
  const what = builtin && stateCheck ? "the manager's state" : `"${command}"`;
  return {
    healthy: false,
    runs,
    detail: `health check ${what} did not pass within ${settings.health_check_timeout}s (${runs} run(s)); last: ${last.failure}`,
  };
}
