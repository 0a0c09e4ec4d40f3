import { shownValue } from './shownValue.js';
import { escapeControlCharacters } from '../log/escapeControlCharacters.js';
import { resolveProcessSettings } from './resolveProcessSettings.js';
import { FIXED_SECTIONS, PROCESS_KEYS, WATCH_KEYS } from './schema.js';
import type { Config } from './types.js';

/** The settings in force, as INI text, password hidden: what --check-config prints. */
export function formatResolvedConfig(config: Config): string {
  const lines: string[] = [`; resolved settings from ${escapeControlCharacters(config.file)}`];
  const fixed: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
    database: config.database,
    monitor: config.monitor,
    logging: config.logging,
    notify: config.notify,
    metrics: config.metrics,
    web: config.web,
  };
  for (const [section, specs] of Object.entries(FIXED_SECTIONS)) {
    lines.push('', `[${section}]`);
    const values = fixed[section] ?? {};
    for (const spec of specs) {
      const value = shownValue(spec, String(values[spec.key]));
      lines.push(`${spec.key} = ${value}`);
    }
  }
  const names = ['default', ...Object.keys(config.processes).sort()];
  for (const name of names) {
    const settings: Readonly<Record<string, unknown>> = resolveProcessSettings(config.processDefaults, name === 'default' ? {} : config.processes[name]);
    lines.push('', `[process.${name}]`);
    for (const spec of PROCESS_KEYS) lines.push(`${spec.key} = ${String(settings[spec.key])}`);
  }
  for (const name of Object.keys(config.watches).sort()) {
    const settings: Readonly<Record<string, unknown>> = config.watches[name] ?? {};
    lines.push('', `[watch.${name}]`);
    for (const spec of WATCH_KEYS) lines.push(`${spec.key} = ${String(settings[spec.key])}`);
  }
  return lines.join('\n') + '\n';
}
