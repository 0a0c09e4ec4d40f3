import type { StrategyChoice } from './chooseStrategy.js';
import type { RestartTarget } from './StrategyEntry.js';
import { AUTO, type StrategyRegistry } from './strategyRegistry.js';

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 2) return parts.join(' and ');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * auto: the first registered strategy whose detection says it applies, in
 * registry order. The note says what was found on the way ("auto: no system
 * unit x.service (not-found), using start_command"); a refusal ends the search;
 * when none applies, the reason lists why each did not and what to set.
 */
export async function chooseAuto<Name extends string>(target: RestartTarget, strategies: StrategyRegistry<Name>): Promise<StrategyChoice> {
  const notes: string[] = [];
  const reasons: string[] = [];
  for (const entry of strategies.entries) {
    if (entry.detect === undefined) continue;
    const found = await entry.detect(target);
    if (found.kind === 'refused') return { ok: false, refused: true, reason: found.reason };
    if (found.kind === 'absent') {
      notes.push(found.note);
      reasons.push(found.reason);
      continue;
    }
    const built = await entry.build(target);
    if (!built.ok) return built;
    return { ok: true, strategy: built.strategy, note: `${AUTO}: ${[...notes, found.note].join(', ')}` };
  }
  const settingsToSet = new Set(['restart_strategy', ...strategies.entries.filter((e) => e.detect).flatMap((e) => e.requires.map((r) => r.key))]);
  return {
    ok: false,
    refused: false,
    reason:
      `strategy ${AUTO} cannot restart ${target.name}: ${reasons.length > 0 ? joinWithAnd(reasons) : 'no registered strategy can tell whether it applies'}; ` +
      `set ${joinWithAnd([...settingsToSet])} in [process.${target.name}]`,
  };
}
