import type { ProcessSettings } from '../../config/types.js';
import { chooseAuto } from './chooseAuto.js';
import { STRATEGIES, type StrategyName } from './registry.js';
import type { Strategy } from './Strategy.js';
import { AUTO, type StrategyRegistry } from './strategyRegistry.js';

/**
 * ok: a strategy. refused: a target the agent must never act on (another
 * unit type, its own unit, a protected PID) — nothing was run, nor will be.
 * Otherwise no strategy can work, and the reason says exactly why.
 */
export type StrategyChoice =
  { ok: true; strategy: Strategy; note: string } | { ok: false; refused: true; reason: string } | { ok: false; refused: false; reason: string };

/**
 * A configured strategy is built as it is (with its own refusals); auto takes
 * the first registered strategy that applies on this host (chooseAuto).
 * `strategies` is the registry (registry.ts); tests pass one of their own.
 */
export async function chooseStrategy(
  processId: number,
  name: string,
  settings: ProcessSettings,
  strategies: StrategyRegistry<StrategyName> = STRATEGIES,
): Promise<StrategyChoice> {
  const target = { processId, name, settings };
  if (settings.restart_strategy === AUTO) return chooseAuto(target, strategies);
  const entry = strategies.find(settings.restart_strategy);
  if (entry === undefined) return { ok: false, refused: false, reason: `restart_strategy ${settings.restart_strategy} is not a registered strategy` };
  const built = await entry.build(target);
  return built.ok ? { ok: true, strategy: built.strategy, note: 'configured' } : built;
}
