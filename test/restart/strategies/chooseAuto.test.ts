// auto's choice over a registry, with entries whose detections are given: which
// one it takes, what the note says, and the reason when none applies.
import { describe, expect, it } from 'vitest';
import { resolveProcessSettings } from '../../../src/config/resolveProcessSettings.js';
import { chooseAuto, joinWithAnd } from '../../../src/restart/strategies/chooseAuto.js';
import { chooseStrategy } from '../../../src/restart/strategies/chooseStrategy.js';
import type { StrategyName } from '../../../src/restart/strategies/registry.js';
import type { BuildResult, Detection, Requirement, StrategyEntry } from '../../../src/restart/strategies/StrategyEntry.js';
import { strategyRegistry } from '../../../src/restart/strategies/strategyRegistry.js';

const target = { processId: 7, name: 'web', settings: resolveProcessSettings({}, {}) };

/** An entry whose detection answers `found` (none: no detect) and records that it was asked. */
function entry<Name extends string>(
  name: Name,
  found: Detection | undefined,
  asked: string[] = [],
  options: { built?: BuildResult; requires?: Requirement[] } = {},
): StrategyEntry<Name> {
  const built = options.built ?? { ok: true, strategy: { name, restart: () => Promise.resolve({ ok: true, detail: name }) } };
  return {
    name,
    summary: name,
    requires: options.requires ?? [],
    build: () => Promise.resolve(built),
    detect:
      found &&
      (() => {
        asked.push(name);
        return Promise.resolve(found);
      }),
  };
}
const absent = (what: string): Detection => ({ kind: 'absent', note: `no ${what}`, reason: `no ${what} at all` });
const applies = (what: string): Detection => ({ kind: 'applies', note: `${what} found` });

describe('chooseAuto', () => {
  it('takes the first entry that applies, in registry order, and notes what it found on the way', async () => {
    const asked: string[] = [];
    const registry = strategyRegistry([entry('a', absent('a'), asked), entry('b', applies('b'), asked), entry('c', applies('c'), asked)]);
    const choice = await chooseAuto(target, registry);
    expect(choice).toMatchObject({ ok: true, strategy: { name: 'b' }, note: 'auto: no a, b found' });
    expect(asked).toEqual(['a', 'b']);
  });

  it('skips an entry without a detection', async () => {
    const choice = await chooseAuto(target, strategyRegistry([entry('manual', undefined), entry('b', applies('b'))]));
    expect(choice).toMatchObject({ ok: true, strategy: { name: 'b' }, note: 'auto: b found' });
  });

  it('stops at a refusal: later entries are not asked', async () => {
    const asked: string[] = [];
    const registry = strategyRegistry([entry('a', { kind: 'refused', reason: 'never this one' }, asked), entry('b', applies('b'), asked)]);
    expect(await chooseAuto(target, registry)).toEqual({ ok: false, refused: true, reason: 'never this one' });
    expect(asked).toEqual(['a']);
  });

  it("passes on the chosen entry's own refusal", async () => {
    const registry = strategyRegistry([entry('a', applies('a'), [], { built: { ok: false, refused: true, reason: 'protected' } })]);
    expect(await chooseAuto(target, registry)).toEqual({ ok: false, refused: true, reason: 'protected' });
  });

  it('says why none applies and what to set, from the entries it asked', async () => {
    const requires: Requirement[] = [{ key: 'start_command', expected: 'a command' }];
    const two = strategyRegistry([entry('a', absent('a')), entry('b', absent('b'), [], { requires })]);
    expect(await chooseAuto(target, two)).toEqual({
      ok: false,
      refused: false,
      reason: 'strategy auto cannot restart web: no a at all and no b at all; set restart_strategy and start_command in [process.web]',
    });
    const three = strategyRegistry([entry('a', absent('a')), entry('b', absent('b')), entry('c', absent('c'))]);
    expect(await chooseAuto(target, three)).toMatchObject({
      reason: 'strategy auto cannot restart web: no a at all, no b at all and no c at all; set restart_strategy in [process.web]',
    });
  });
});

describe('chooseStrategy with a configured strategy', () => {
  const asked: string[] = [];
  const registry = strategyRegistry<StrategyName>([
    entry('service', applies('service'), asked),
    entry('process', undefined, [], { built: { ok: false, refused: true, reason: 'a protected PID' } }),
  ]);

  it('builds the configured entry, without asking any detection, and notes "configured"', async () => {
    const settings = resolveProcessSettings({}, { restart_strategy: 'service' });
    expect(await chooseStrategy(7, 'web', settings, registry)).toMatchObject({ ok: true, strategy: { name: 'service' }, note: 'configured' });
    expect(asked).toEqual([]);
  });

  it("passes on the entry's refusal", async () => {
    const settings = resolveProcessSettings({}, { restart_strategy: 'process' });
    expect(await chooseStrategy(7, 'web', settings, registry)).toEqual({ ok: false, refused: true, reason: 'a protected PID' });
  });
});

describe('joinWithAnd', () => {
  it('joins one, two and more parts as a sentence does', () => {
    expect(joinWithAnd(['a'])).toBe('a');
    expect(joinWithAnd(['a', 'b'])).toBe('a and b');
    expect(joinWithAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
