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
  /**
   * What a watch does, as a string (its section and the [process.NAME] settings it
   * reads): a reload keeps a watch whose key is unchanged. Default: its section.
   */
  keyOf?: (name: string, settings: WatchSettings) => string;
  /** Raises the alarm, records and announces the detection (reportDetection). */
  report(detection: Detection): Promise<void>;
  /** Says a problem of one watch (once while it lasts: ProblemOnce). */
  problem(name: string, watch: string, text: string): void;
}

/** The problem key of a check that threw: said once, cleared by the next check that answers. */
const CHECK_FAILED = 'check failed';

interface RunningWatch {
  key: string;
  controller: AbortController;
  loop: Promise<void>;
}

const sectionKey = (_name: string, settings: WatchSettings): string => JSON.stringify(settings);

/**
 * Runs every [watch.NAME] inside the agent: one loop per watch, one check every
 * watch_interval, the for_cycles rule (streak.ts), the alarm raised once per
 * failure. start() with the agent, stop() with it (the AbortSignal ends
 * every check and wait at once, then each watcher lets go of its files and
 * commands). A reload (update) leaves the watches it does not change running:
 * a log watch keeps its place in its file, and a line written just before the
 * SIGHUP is still read.
 */
export class WatchRunner {
  private readonly running = new Map<string, RunningWatch>();

  constructor(private deps: WatchRunnerDependencies) {}

  start(): void {
    void this.update(this.deps);
  }

  /**
   * Runs the watches of `next`: one whose key is unchanged goes on as it is, one
   * changed or gone is stopped (awaited), one changed or new starts (a log watch
   * from the end of its file).
   */
  async update(next: WatchRunnerDependencies): Promise<void> {
    const keyOf = next.keyOf ?? sectionKey;
    const stopped: Promise<void>[] = [];
    for (const [name, watch] of this.running) {
      const settings = next.watches[name];
      if (settings !== undefined && keyOf(name, settings) === watch.key) continue;
      watch.controller.abort();
      stopped.push(watch.loop);
      this.running.delete(name);
    }
    this.deps = next;
    for (const [name, settings] of Object.entries(next.watches)) {
      if (this.running.has(name)) continue;
      const controller = new AbortController();
      this.running.set(name, { key: keyOf(name, settings), controller, loop: this.runOne(name, settings, controller.signal) });
    }
    await Promise.allSettled(stopped);
  }

  /** The watches running now, by name. */
  get names(): string[] {
    return [...this.running.keys()];
  }

  async stop(): Promise<void> {
    const loops = [...this.running.values()].map((watch) => {
      watch.controller.abort();
      return watch.loop;
    });
    this.running.clear();
    await Promise.allSettled(loops);
  }

  private async runOne(name: string, settings: WatchSettings, signal: AbortSignal): Promise<void> {
    const deps = this.deps;
    const problems = new ProblemOnce((text) => deps.problem(name, settings.type, text));
    let watcher: Watcher;
    try {
      watcher = deps.createWatcher(name, settings, problems);
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
          await this.deps.report({ name, watch: settings.type, evidence: shownEvidence(observation.evidence), repeat: next.repeat }).catch((error: unknown) => {
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
