import { sleep } from '../clock/sleep.js';
import type { ProcessSettings } from '../config/types.js';
import { OUTPUT_LEFT_OPEN_NOTE } from '../exec/outputWait.js';
import { describeResult, runShellCommand, succeeded } from '../exec/runCommand.js';
import { expandCommand } from '../process/shellQuote.js';
import { describeIdentity, processIdentity, type ProcessIdentity } from '../process/processIdentity.js';
import { procProbes } from '../process/findByName.js';
import { processTreeOf } from '../process/processTree.js';
import { builtinPgrep, isDefaultPgrepCheck } from './builtinPgrep.js';
import { findInstances } from './strategies/findInstances.js';
import type { LaunchWatch, StateCheck } from './strategies/Strategy.js';

/** First pause after a failing run: a fresh process is usually up within a few ms. */
export const HEALTH_FIRST_RETRY_MS = 10;
/** Longest pause between two runs of a failing health check (the pause doubles up to it). */
export const HEALTH_RETRY_MS = 500;

/** Pure: the pause after failing run number `runs` (1, 2, …): 10, 20, 40 … ms, then 500 ms. */
export function healthRetryPause(runs: number): number {
  return Math.min(HEALTH_RETRY_MS, HEALTH_FIRST_RETRY_MS * 2 ** Math.min(16, Math.max(0, runs - 1)));
}

export interface HealthReport {
  healthy: boolean;
  runs: number;
  detail: string;
  /** The passing run left a process outside its group holding its output (not waited for). */
  outputLeftOpen?: boolean;
  /** The launched start command failed before the check passed (detail says how). */
  startFailed?: boolean;
}

/** One run of the health check. */
export interface CheckRun {
  healthy: boolean;
  /** Why it did not pass, for the log and history. */
  failure: string;
  outputLeftOpen: boolean;
  /** Only the launched command's tree was looked at: a miss is not final, and cheap to repeat soon. */
  partial?: boolean;
}

/** A strategy's own check, standing in for the default `pgrep %s`. */
export type StrategyStateCheck = (signal: AbortSignal) => Promise<StateCheck>;

/**
 * For this long after the launch, the default pgrep looks only at the launched
 * start command and its children (the usual `exec program` is found there), every
 * LAUNCHED_LOOK_PAUSE_MS: a few small reads, where the whole process table is one
 * read per process, and a burst of restarts would walk /proc once each. A miss is
 * not final: from then on the check looks everywhere, on its usual schedule.
 */
export const LAUNCHED_TREE_ONLY_MS = 30;
export const LAUNCHED_LOOK_PAUSE_MS = 2;

/** The health check of one process, ready to run: after the restart, and again while stable_time lasts. */
export interface HealthProbe {
  /** How the log names it: the command in quotes, or "the manager's state". */
  readonly what: string;
  /** launchedOnly: the default pgrep may answer from the launched tree alone (CheckRun.partial), see LAUNCHED_TREE_ONLY_MS. */
  run(timeoutMs: number, signal: AbortSignal | undefined, launchedOnly?: boolean): Promise<CheckRun>;
}

/**
 * The default `pgrep %s` for a process identified by pid_file or match: passes
 * while the instances findInstances finds are there (the process strategy stops
 * the same ones). Configured explicitly, it stands in for a strategy's own state too.
 */
function identityProbe(identity: Exclude<ProcessIdentity, { kind: 'name' }>): HealthProbe {
  const by = identity.kind === 'pid_file' ? `pid_file ${identity.file}` : `match /${identity.source}/`;
  return {
    what: `by ${by}`,
    async run() {
      const found = await findInstances(identity);
      // A pid file lookup always says what it found; a match that finds nothing says so here.
      const failure = found.refusal ?? found.note ?? `no running ${describeIdentity(identity)}`;
      return { healthy: found.refusal === undefined && found.pids.length > 0, failure, outputLeftOpen: false };
    },
  };
}

/**
 * One run: with the default `pgrep %s`, the instances by pid_file or match when one
 * is set, else the strategy's own check if it has one, else pgrep answered
 * in-process (same rule, no fork); otherwise the configured command.
 */
export function healthProbe(name: string, settings: ProcessSettings, stateCheck?: StrategyStateCheck, launchedPid?: number): HealthProbe {
  const command = expandCommand(settings.health_check_command, name);
  const builtin = isDefaultPgrepCheck(settings.health_check_command);
  const identity = processIdentity(name, settings);
  if (builtin && identity.kind !== 'name') return identityProbe(identity);
  return {
    what: builtin && stateCheck ? "the manager's state" : `"${command}"`,
    async run(timeoutMs, signal, launchedOnly = false) {
      if (builtin && stateCheck) {
        const state = await stateCheck(signal ?? new AbortController().signal);
        return { healthy: state.healthy, failure: state.detail, outputLeftOpen: false };
      }
      if (builtin) {
        const launchedTree = launchedPid === undefined ? [] : processTreeOf(launchedPid);
        // Once the launched command is gone (a daemon that forked away), only the whole table can answer.
        const wholeTable = !launchedOnly || !launchedTree.some((pid) => procProbes.isRunning(pid));
        const found = await builtinPgrep(name, launchedTree, wholeTable);
        if (found !== undefined)
          return { healthy: found, failure: `no running process whose name matches ${name}`, outputLeftOpen: false, partial: !wholeTable };
      }
      const result = await runShellCommand(command, { timeoutMs, signal });
      return { healthy: succeeded(result), failure: describeResult(result), outputLeftOpen: result.outputLeftOpen };
    },
  };
}

/**
 * Runs the health check until it passes or health_check_timeout runs out, the
 * pause between runs doubling from 10 ms to 0.5 s. Each run is itself cut off at
 * the time left, so a hanging check cannot stretch the deadline. A launched
 * start command that fails (launch.failure) ends the wait at once: the
 * attempt failed, however soon after the launch it happens.
 */
export async function runHealthCheck(
  name: string,
  settings: ProcessSettings,
  signal?: AbortSignal,
  stateCheck?: StrategyStateCheck,
  launch?: LaunchWatch,
): Promise<HealthReport> {
  const probe = healthProbe(name, settings, stateCheck, launch?.pid);
  const deadline = Date.now() + settings.health_check_timeout * 1000;
  const failedStart = new AbortController();
  // Set from the launch's callback: read through this object so each read sees the latest.
  const start: { failed?: string } = {};
  void launch?.failure.then((reason) => {
    start.failed = reason;
    failedStart.abort();
  });
  const runSignal = signal === undefined ? failedStart.signal : AbortSignal.any([signal, failedStart.signal]);
  let runs = 0;
  let fullRuns = 0;
  const launchedOnlyUntil = launch?.pid === undefined ? 0 : Date.now() + LAUNCHED_TREE_ONLY_MS;
  const failedStartReport = (): HealthReport | undefined =>
    start.failed === undefined ? undefined : { healthy: false, runs, detail: `${start.failed} (before the health check passed)`, startFailed: true };
  let last: CheckRun;
  do {
    runs += 1;
    last = await probe.run(Math.max(100, deadline - Date.now()), runSignal, Date.now() < launchedOnlyUntil);
    const failedEarly = failedStartReport();
    if (failedEarly) return failedEarly;
    if (last.healthy) {
      const note = last.outputLeftOpen ? `; ${OUTPUT_LEFT_OPEN_NOTE}` : '';
      return { healthy: true, runs, detail: `health check passed (run ${runs})${note}`, outputLeftOpen: last.outputLeftOpen };
    }
    if (last.partial !== true) fullRuns += 1;
    const pause = last.partial === true ? LAUNCHED_LOOK_PAUSE_MS : healthRetryPause(fullRuns);
    await sleep(Math.min(pause, deadline - Date.now()), runSignal);
    const failedMeanwhile = failedStartReport();
    if (failedMeanwhile) return failedMeanwhile;
  } while (Date.now() < deadline && !signal?.aborted);
  return {
    healthy: false,
    runs,
    detail: `health check ${probe.what} did not pass within ${settings.health_check_timeout}s (${runs} run(s)); last: ${last.failure}`,
  };
}
