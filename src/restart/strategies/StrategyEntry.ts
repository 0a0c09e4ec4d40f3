import type { ProcessSettings } from '../../config/types.js';
import type { Strategy } from './Strategy.js';

/** The process an alarm names (a validated name) and its resolved settings. */
export interface RestartTarget {
  readonly processId: number;
  readonly name: string;
  readonly settings: ProcessSettings;
}

/** A strategy ready to run, or why the agent must never act on this target this way (nothing has been run). */
export type BuildResult = { ok: true; strategy: Strategy } | { ok: false; refused: true; reason: string };

/**
 * What a strategy's detection found, for auto. applies: auto uses it (note: why,
 * for the log). absent: auto tries the next one (note: for the log when a later one
 * applies; reason: for the failure when none does). refused: the target is one the
 * agent must never act on, and auto stops there.
 */
export type Detection = { kind: 'applies'; note: string } | { kind: 'absent'; note: string; reason: string } | { kind: 'refused'; reason: string };

/** A [process.*] key whose value is text (a command, a name…). */
export type TextSettingKey = { [Key in keyof ProcessSettings]: ProcessSettings[Key] extends string ? Key : never }[keyof ProcessSettings];

/** A setting the strategy cannot work without: configuring the strategy without it is a configuration error. */
export interface Requirement {
  readonly key: TextSettingKey;
  /** What belongs there, as the error says it: "a command that starts the process". */
  readonly expected: string;
}

/** One registered restart strategy (see registry.ts): everything the rest of the agent needs to know about it. */
export interface StrategyEntry<Name extends string = string> {
  /** The restart_strategy value, as logged and recorded. */
  readonly name: Name;
  /** One line for the docs, listed as "NAME (summary)" in README and the man page: "stop, then start_command". */
  readonly summary: string;
  /** Settings that must be non-empty when restart_strategy names this strategy (checked by --check-config). */
  readonly requires: readonly Requirement[];
  /** The strategy for this target, with its own refusals (unit types, protected PIDs…). */
  readonly build: (target: RestartTarget) => Promise<BuildResult>;
  /** For auto: does it apply to this target on this host? May run commands (within command_timeout). Without it, auto skips the strategy. */
  readonly detect?: (target: RestartTarget) => Promise<Detection>;
}
