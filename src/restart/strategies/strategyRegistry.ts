import type { StrategyEntry } from './StrategyEntry.js';

/** The restart_strategy value that means "the first registered strategy that applies". */
export const AUTO = 'auto';

/** Registered strategies, in order: the order auto tries them in and the docs list them in. */
export interface StrategyRegistry<Name extends string> {
  readonly entries: readonly StrategyEntry<Name>[];
  /** restart_strategy's accepted values: every registered name, then auto. */
  readonly choices: readonly (Name | typeof AUTO)[];
  /** The entry registered under that name; undefined for auto or a name not registered. */
  find(name: string): StrategyEntry<Name> | undefined;
}

const NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;

/**
 * A registry of these entries, in this order. A name is a plain lowercase word,
 * given once, and never `auto`: a mistake here is a programming error, thrown
 * when the module loads.
 */
export function strategyRegistry<Name extends string>(entries: readonly StrategyEntry<Name>[]): StrategyRegistry<Name> {
  const seen = new Set<string>();
  for (const { name } of entries) {
    if (!NAME_PATTERN.test(name) || name === AUTO || seen.has(name)) {
      throw new Error(`restart strategy name ${JSON.stringify(name)}: expected a lowercase word, registered once, other than ${AUTO}`);
    }
    seen.add(name);
  }
  return {
    entries,
    choices: [...entries.map((entry) => entry.name), AUTO],
    find: (name) => entries.find((entry) => entry.name === name),
  };
}
