// The "done means": a strategy registered in the one place — a registry built
// by strategyRegistry from a list, as registry.ts builds the real one — is accepted by
// --check-config's validation (and its required setting enforced), asked for by the
// docs check, and considered by auto in registry order. The real service and process
// entries run beside it; only the extra strategy is made up.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/ConfigError.js';
import { formatResolvedConfig } from '../../../src/config/formatResolvedConfig.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { resolveProcessSettings } from '../../../src/config/resolveProcessSettings.js';
import { chooseStrategy } from '../../../src/restart/strategies/chooseStrategy.js';
import { processEntry } from '../../../src/restart/strategies/processStrategy.js';
import { STRATEGIES, type StrategyName } from '../../../src/restart/strategies/registry.js';
import { serviceEntry } from '../../../src/restart/strategies/serviceStrategy.js';
import type { StrategyEntry } from '../../../src/restart/strategies/StrategyEntry.js';
import { strategyRegistry } from '../../../src/restart/strategies/strategyRegistry.js';
import { strategyDocProblems } from '../../docs/strategiesDocumented.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// The types know only the real registry's names; this test registers one more.
const EXTRA = 'extra' as StrategyName;

describe('a strategy registered in the registry', () => {
  let dir: string;
  /** The extra strategy applies on "this host" when a file for the process exists. */
  const markerOf = (name: string) => path.join(dir, `extra-${name}`);
  const extraEntry: StrategyEntry<StrategyName> = {
    name: EXTRA,
    summary: 'run the extra hook',
    requires: [{ key: 'pre_restart_command', expected: 'a command the extra strategy runs first' }],
    build: () => Promise.resolve({ ok: true, strategy: { name: EXTRA, restart: () => Promise.resolve({ ok: true, detail: 'extra hook ran' }) } }),
    detect: ({ name }) =>
      Promise.resolve(
        existsSync(markerOf(name))
          ? { kind: 'applies', note: 'extra hook found' }
          : { kind: 'absent', note: 'no extra hook', reason: `no extra hook for ${name}` },
      ),
  };
  const withExtra = strategyRegistry([serviceEntry, extraEntry, processEntry]);
  /** The real registry with the extra strategy just before process (as the docs list it). */
  const realWithExtra = strategyRegistry([...STRATEGIES.entries.filter((e) => e.name !== 'process'), extraEntry, processEntry]);

  beforeAll(async () => {
    dir = await makeTempDir();
  });
  afterAll(async () => {
    await removeTempDir(dir);
  });

  function writeConfig(text: string): string {
    const file = path.join(dir, `config-${randomBytes(3).toString('hex')}.ini`);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  }

  function problemsOf(load: () => unknown): readonly unknown[] {
    try {
      load();
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('is accepted by --check-config, which prints it and requires its setting', () => {
    const file = writeConfig('[process.web]\nrestart_strategy = extra\npre_restart_command = /bin/true\n');
    const config = loadConfig(file, {}, { strategies: withExtra });
    expect(config.processes.web?.restart_strategy).toBe('extra');
    expect(formatResolvedConfig(config)).toContain('[process.web]\nrestart_strategy = extra\n');

    // Without the extra strategy registered, the same file is an error.
    expect(problemsOf(() => loadConfig(file, {}))).toEqual([
      { section: 'process.web', key: 'restart_strategy', value: 'extra', expected: `one of ${STRATEGIES.choices.join(', ')}` },
    ]);
    // Its requirement comes from its entry.
    const missing = writeConfig('[process.web]\nrestart_strategy = extra\n');
    expect(problemsOf(() => loadConfig(missing, {}, { strategies: withExtra }))).toEqual([
      {
        section: 'process.web',
        key: 'pre_restart_command',
        value: '',
        expected: 'a command the extra strategy runs first (restart_strategy = extra needs one)',
      },
    ]);
  });

  it('is asked for by the docs check, which is satisfied once the docs list it', () => {
    const docs = {
      man: readFileSync(path.join(REPO_ROOT, 'man/monitor_service.8'), 'utf8'),
      readme: readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'),
      example: readFileSync(path.join(REPO_ROOT, 'config.ini.example'), 'utf8'),
    };
    expect(strategyDocProblems(STRATEGIES, docs)).toEqual([]);
    // The real strategies, and the extra one just before process.
    const real = STRATEGIES.choices.join(', ');
    const extended = realWithExtra.choices.join(', ');
    expect(strategyDocProblems(realWithExtra, docs)).toEqual([
      `man page, RESTART STRATEGIES: entries (.TP / .B name) are ${real}; expected ${extended}, in that order`,
      'man page, restart_strategy: does not list "extra (run the extra hook)"',
      `man page, restart_strategy: should say "One of ${extended}."`,
      'README, restart_strategy row: does not list "extra (run the extra hook)"',
      'config.ini.example: the comment above restart_strategy does not name extra',
    ]);

    const documented = {
      man: docs.man
        .replace('.TP\n.B process\nFor programs', '.TP\n.B extra\nRuns the extra hook.\n.TP\n.B process\nFor programs')
        .replace('.B process\n(stop, then\n', '.B extra\n(run the extra hook),\n.B process\n(stop, then\n')
        .replace('\\fBprocess\\fR, \\fBauto\\fR.', '\\fBextra\\fR, \\fBprocess\\fR, \\fBauto\\fR.'),
      readme: docs.readme.replace('`process` (stop, then', '`extra` (run the extra hook), `process` (stop, then'),
      example: docs.example.replace('process or auto', 'extra, process or auto'),
    };
    expect(strategyDocProblems(realWithExtra, documented)).toEqual([]);
  });

  it('is considered by auto in registry order: before process, after service', async () => {
    const name = `demo${randomBytes(3).toString('hex')}`;
    const settings = resolveProcessSettings({}, { restart_strategy: 'auto', start_command: '/bin/true' });
    const unitNote = new RegExp(`^auto: no system unit ${name}\\.service \\(.+\\), `);

    // No unit, no extra hook: process, as without the extra strategy — but it was asked.
    const before = await chooseStrategy(1, name, settings, withExtra);
    expect(before).toMatchObject({ ok: true, strategy: { name: 'process' } });
    expect(before.ok && before.note).toMatch(new RegExp(`${unitNote.source}no extra hook, using start_command$`));

    // The extra hook there: the extra strategy wins over process, which would apply too.
    writeFileSync(markerOf(name), '');
    const after = await chooseStrategy(1, name, settings, withExtra);
    expect(after).toMatchObject({ ok: true, strategy: { name: 'extra' } });
    expect(after.ok && after.note).toMatch(new RegExp(`${unitNote.source}extra hook found$`));

    // The real registry does not have it, and picks process.
    expect(await chooseStrategy(1, name, settings)).toMatchObject({ ok: true, strategy: { name: 'process' } });

    // None applies: the reason names each strategy's answer and what to set.
    const none = await chooseStrategy(2, `${name}x`, resolveProcessSettings({}, { restart_strategy: 'auto' }), withExtra);
    expect(none).toMatchObject({ ok: false, refused: false });
    expect(!none.ok && none.reason).toMatch(
      /: no system systemd unit \S+\.service \(LoadState: .+\), no extra hook for \S+ and no start_command for the process strategy; set restart_strategy, pre_restart_command and start_command in \[process\.\S+\]$/,
    );
  });
});
