import { sleep } from '../clock/sleep.js';
import type { WatchSettings } from '../config/types.js';
import { ProblemOnce } from './ProblemOnce.js';
import type { Detection } from './reportDetection.js';
import { shownEvidence } from './shownEvidence.js';
import { nextStreak, NO_STREAK } from './streak.js';
import type { Observation, Watcher, WatchProblems } from './Watcher.js';

export interface WatchRunnerDependencies {
  /** [watch.NAME] sections, keyed by NAME. */
  watches: Readonly<Record<string, WatchSettings>>;
  createWatcher(name: string, settings: WatchSettings, problems: WatchProblems): Watcher;
  /** Raises the alarm, records and announces the detection (reportDetection). */
  report(detection: Detection): Promise<void>;
  /** Says a problem of one watch (once while it lasts: ProblemOnce). */
  problem(name: string, watch: string, text: string): void;
}

/** The problem key of a check that threw: said once, cleared by the next check that answers. */
const CHECK_FAILED = 'check failed';

/**
 * Runs every [watch.NAME] inside the agent: one loop per watch, one check every
 * watch_interval, the for_cycles rule (streak.ts), the alarm raised once per
 * failure. start() with the agent, stop() with it (the AbortSignal ends
 * every check and wait at once, then each watcher lets go of its files and
 * commands).
 */
export class WatchRunner {
  private readonly controller = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly deps: WatchRunnerDependencies) {}

  start(): void {
    for (const [name, settings] of Object.entries(this.deps.watches)) this.loops.push(this.runOne(name, settings));
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await Promise.allSettled(this.loops);
  }

  private async runOne(name: string, settings: WatchSettings): Promise<void> {
    const { signal } = this.controller;
    const problems = new ProblemOnce((text) => this.deps.problem(name, settings.type, text));
    let watcher: Watcher;
    try {
      watcher = this.deps.createWatcher(name, settings, problems);
    } catch (error) {
      problems.once('create', `cannot watch: ${(error as Error).message}`);
      return;
    }
    let streak = NO_STREAK;
    try {
      while (!signal.aborted) {
        const started = Date.now();
        const observation = await this.checkOnce(watcher, problems, signal);
        if (signal.aborted) break;
        const next = nextStreak(streak, observation, settings.for_cycles);
        streak = next.streak;
        if (next.raise && observation.failing) {
          await this.deps.report({ name, watch: settings.type, evidence: shownEvidence(observation.evidence) }).catch((error: unknown) => {
            if (!signal.aborted) problems.once('report', `detection not recorded: ${(error as Error).message}`);
          });
        }
        await sleep(settings.watch_interval * 1000 - (Date.now() - started), signal);
      }
    } finally {
      await Promise.resolve(watcher.close?.()).catch(() => undefined);
    }
  }

  /** A check that throws sees nothing: said once, and it counts as passing (no alarm on the watcher's own trouble). */
  private async checkOnce(watcher: Watcher, problems: WatchProblems, signal: AbortSignal): Promise<Observation> {
    try {
      const observation = await watcher.check(signal);
      problems.resolved(CHECK_FAILED);
      return observation;
    } catch (error) {
      if (!signal.aborted) problems.once(CHECK_FAILED, `check failed: ${(error as Error).message}`);
      return { failing: false };
    }
  }
}
