import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../../../src/restart/strategies/registry.js';
import type { StrategyEntry } from '../../../src/restart/strategies/StrategyEntry.js';
import { strategyRegistry } from '../../../src/restart/strategies/strategyRegistry.js';

function entry(name: string): StrategyEntry {
  return { name, summary: `${name} summary`, requires: [], build: () => Promise.reject(new Error('not built in this test')) };
}

describe('strategyRegistry', () => {
  it('accepts the registered names, in order, then auto; finds an entry by name', () => {
    const registry = strategyRegistry([entry('one'), entry('two')]);
    expect(registry.choices).toEqual(['one', 'two', 'auto']);
    expect(registry.find('two')?.summary).toBe('two summary');
    expect(registry.find('auto')).toBeUndefined();
    expect(registry.find('three')).toBeUndefined();
  });

  it('refuses a name given twice, the name auto, and a name that is not a lowercase word', () => {
    expect(() => strategyRegistry([entry('one'), entry('one')])).toThrow(/"one": expected a lowercase word, registered once, other than auto/);
    expect(() => strategyRegistry([entry('auto')])).toThrow(/"auto"/);
    expect(() => strategyRegistry([entry('Two words')])).toThrow(/"Two words"/);
    expect(() => strategyRegistry([entry('')])).toThrow(/""/);
  });
});

describe('the registry (registry.ts)', () => {
  it('has service, supervisor, the service-directory managers, command, then process, and process requires start_command', () => {
    expect(STRATEGIES.choices).toEqual(['service', 'supervisor', 'daemontools', 'runit', 's6', 'command', 'process', 'auto']);
    expect(STRATEGIES.find('supervisor')?.requires).toEqual([]);
    expect(STRATEGIES.find('process')?.requires).toEqual([{ key: 'start_command', expected: 'a command that starts the process' }]);
    expect(STRATEGIES.find('service')?.requires).toEqual([]);
  });

  it('has command just before process, requiring restart_command, and never chosen by auto (no detection)', () => {
    expect(STRATEGIES.choices.slice(-3)).toEqual(['command', 'process', 'auto']);
    expect(STRATEGIES.find('command')?.requires).toEqual([{ key: 'restart_command', expected: 'a command that restarts the process' }]);
    expect(STRATEGIES.find('command')?.detect).toBeUndefined();
  });
});
