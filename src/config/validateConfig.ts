import { shownValue } from './shownValue.js';
import { notifyProblems } from './notifyProblems.js';
import { httpProblems } from './httpProblems.js';
import type { ConfigProblem } from './ConfigError.js';
import type { FlatSections } from './flattenSections.js';
import { BUILT_IN_DEFAULTS } from './builtInDefaults.js';
import { findIdentityProblems } from './findIdentityProblems.js';
import { parseValue, type ParsedValue } from './parseValue.js';
import {
  DATABASE_KEYS,
  DEFAULT_PROCESS_SECTION,
  FIXED_SECTIONS,
  LOGGING_KEYS,
  NOTIFY_KEYS,
  MONITOR_KEYS,
  METRICS_KEYS,
  WEB_KEYS,
  PROCESS_SECTION_PREFIX,
  processKeys,
  WATCH_KEYS,
  WATCH_SECTION_PREFIX,
  type KeySpec,
} from './schema.js';
import { isPartialSettings, type SettingsOf } from './settingsOf.js';
import type { Config, ProcessOverrides, WatchSettings } from './types.js';
import { watchProblems } from './watchProblems.js';
import { resolveProcessSettings } from './resolveProcessSettings.js';
import { validateProcessName } from '../process/validateProcessName.js';
import { WarningList } from './WarningList.js';
import { STRATEGIES, type StrategyName } from '../restart/strategies/registry.js';
import type { StrategyRegistry } from '../restart/strategies/strategyRegistry.js';

export interface ValidationResult {
  config: Omit<Config, 'file'>;
  problems: ConfigProblem[];
}

/** The first few names, and how many more (a file can hold thousands). */
function listSome(names: string[], shown = 10): string {
  const head = names.slice(0, shown).join(', ');
  return names.length > shown ? `${head} … and ${names.length - shown} more` : head;
}

/** Validates the keys one section sets; unknown keys become warnings. */
function readSection<Specs extends readonly KeySpec[]>(
  name: string,
  values: Record<string, unknown>,
  specs: Specs,
  problems: ConfigProblem[],
  warnings: WarningList,
): Partial<SettingsOf<Specs>> {
  const out: Record<string, ParsedValue> = {};
  const known = specs.map((s) => s.key).join(', ');
  for (const [key, raw] of Object.entries(values)) {
    const spec = specs.find((s) => s.key === key);
    if (!spec) {
      warnings.add('unknown keys', `[${name}] ${key}: unknown key, ignored (known keys: ${known})`);
      continue;
    }
    if (typeof raw !== 'string') {
      const shown = raw === true ? '(no value)' : JSON.stringify(raw);
      problems.push({ section: name, key, value: shown, expected: 'key = value' });
      continue;
    }
    const parsed = parseValue(spec, raw);
    if (parsed.ok) out[key] = parsed.value;
    else problems.push({ section: name, key, value: shownValue(spec, raw), expected: parsed.expected });
  }
  if (!isPartialSettings(specs, out)) throw new Error(`[${name}]: a parsed value does not fit its key's spec`);
  return out;
}

/** One [watch.NAME] section: its keys over the built-in defaults, and what its type needs. */
function readWatch(
  section: string,
  values: Record<string, unknown>,
  watches: Record<string, WatchSettings>,
  problems: ConfigProblem[],
  warnings: WarningList,
): void {
  const processName = section.slice(WATCH_SECTION_PREFIX.length);
  const nameCheck = validateProcessName(processName);
  if (!nameCheck.ok) {
    problems.push({ section, key: '', value: processName, expected: `a registered process name (${nameCheck.reason})` });
    return;
  }
  const before = problems.length;
  const settings = { ...BUILT_IN_DEFAULTS.watch, ...readSection(section, values, WATCH_KEYS, problems, warnings) };
  if (problems.length > before) return; // a wrong type or value: its needs cannot be judged
  const found = watchProblems(section, settings, Object.keys(values));
  problems.push(...found.problems);
  for (const key of found.unused) warnings.add('keys a watch type does not read', `[${section}] ${key}: not read by type = ${settings.type}, ignored`);
  watches[processName] = settings;
}

/** What the configured strategy cannot work without (its registry entry's requires), checked on the resolved settings. */
function checkStrategyNeeds(
  section: string,
  overrides: ProcessOverrides,
  defaults: ProcessOverrides,
  strategies: StrategyRegistry<StrategyName>,
  problems: ConfigProblem[],
): void {
  const settings = resolveProcessSettings(defaults, overrides);
  const entry = strategies.find(settings.restart_strategy);
  for (const need of entry?.requires ?? []) {
    if (settings[need.key] !== '') continue;
    problems.push({ section, key: need.key, value: '', expected: `${need.expected} (restart_strategy = ${settings.restart_strategy} needs one)` });
  }
}

/**
 * Turns flattened INI sections into a Config, listing every problem at once.
 * Pure: the caller reads files and decides what a problem means. restart_strategy
 * and what each strategy requires come from the strategy registry.
 */
export function validateConfig(sections: FlatSections, strategies: StrategyRegistry<StrategyName> = STRATEGIES): ValidationResult {
  const processKeySpecs = processKeys(strategies);
  const problems: ConfigProblem[] = [];
  const warnings = new WarningList();
  const database = { ...BUILT_IN_DEFAULTS.database, ...readSection('database', sections.database ?? {}, DATABASE_KEYS, problems, warnings) };
  const monitor = { ...BUILT_IN_DEFAULTS.monitor, ...readSection('monitor', sections.monitor ?? {}, MONITOR_KEYS, problems, warnings) };
  const logging = { ...BUILT_IN_DEFAULTS.logging, ...readSection('logging', sections.logging ?? {}, LOGGING_KEYS, problems, warnings) };
  const notify = { ...BUILT_IN_DEFAULTS.notify, ...readSection('notify', sections.notify ?? {}, NOTIFY_KEYS, problems, warnings) };
  const metrics = { ...BUILT_IN_DEFAULTS.metrics, ...readSection('metrics', sections.metrics ?? {}, METRICS_KEYS, problems, warnings) };
  const web = { ...BUILT_IN_DEFAULTS.web, ...readSection('web', sections.web ?? {}, WEB_KEYS, problems, warnings) };
  const processDefaults = readSection(DEFAULT_PROCESS_SECTION, sections[DEFAULT_PROCESS_SECTION] ?? {}, processKeySpecs, problems, warnings);
  const processes: Record<string, ProcessOverrides> = {};
  const watches: Record<string, WatchSettings> = {};

  for (const [name, values] of Object.entries(sections)) {
    if (name in FIXED_SECTIONS || name === DEFAULT_PROCESS_SECTION) continue;
    if (name === '') {
      warnings.add('keys outside any section', `keys outside any section are ignored: ${listSome(Object.keys(values))}`);
      continue;
    }
    if (name.startsWith(WATCH_SECTION_PREFIX)) {
      readWatch(name, values, watches, problems, warnings);
      continue;
    }
    if (!name.startsWith(PROCESS_SECTION_PREFIX)) {
      warnings.add(
        'unknown sections',
        `[${name}]: unknown section, ignored (known: database, monitor, logging, notify, metrics, web, process.default, process.NAME, watch.NAME)`,
      );
      continue;
    }
    const processName = name.slice(PROCESS_SECTION_PREFIX.length);
    const nameCheck = validateProcessName(processName);
    if (!nameCheck.ok) {
      problems.push({ section: name, key: '', value: processName, expected: `a valid process name (${nameCheck.reason})` });
      continue;
    }
    processes[processName] = readSection(name, values, processKeySpecs, problems, warnings);
  }

  problems.push(...findIdentityProblems(DEFAULT_PROCESS_SECTION, processDefaults));
  for (const [processName, overrides] of Object.entries(processes)) {
    problems.push(...findIdentityProblems(`${PROCESS_SECTION_PREFIX}${processName}`, overrides));
  }
  checkStrategyNeeds(DEFAULT_PROCESS_SECTION, {}, processDefaults, strategies, problems);
  for (const [processName, overrides] of Object.entries(processes)) {
    checkStrategyNeeds(`${PROCESS_SECTION_PREFIX}${processName}`, overrides, processDefaults, strategies, problems);
  }

  if (database.password !== '' && database.password_file !== '') {
    problems.push({ section: 'database', key: 'password_file', value: database.password_file, expected: 'either password or password_file, not both' });
  }

  problems.push(...notifyProblems(notify));
  const http = httpProblems(metrics, web);
  problems.push(...http.problems);
  for (const warning of http.warnings) warnings.add('listen addresses reachable from other hosts', warning);

  return {
    config: {
      database,
      monitor,
      logging,
      notify,
      notifySecrets: { smtpPassword: '', webhookSecret: '' },
      metrics,
      web,
      webPassword: '',
      processDefaults,
      processes,
      watches,
      warnings: warnings.toArray(),
    },
    problems,
  };
}
