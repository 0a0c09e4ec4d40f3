import { escapeControlCharacters } from '../log/escapeControlCharacters.js';
import { resolveProcessSettings } from './resolveProcessSettings.js';
import { FIXED_SECTIONS, PROCESS_KEYS } from './schema.js';
import type { Config } from './types.js';

/** The settings in force, as INI text, password hidden: what --check-config prints. */
export function formatResolvedConfig(config: Config): string {
  const lines: string[] = [`; resolved settings from ${escapeControlCharacters(config.file)}`];
  for (const [section, specs] of Object.entries(FIXED_SECTIONS)) {
    lines.push('', `[${section}]`);
    const values = (config as unknown as Record<string, Record<string, unknown>>)[section] ?? {};
    for (const spec of specs) {
      const value = spec.secret && values[spec.key] !== '' ? '********' : String(values[spec.key]);
      lines.push(`${spec.key} = ${value}`);
    }
  }
  const names = ['default', ...Object.keys(config.processes).sort()];
  for (const name of names) {
    const settings = resolveProcessSettings(config.processDefaults, name === 'default' ? {} : config.processes[name]);
    lines.push('', `[process.${name}]`);
    for (const spec of PROCESS_KEYS) lines.push(`${spec.key} = ${String(settings[spec.key as keyof typeof settings])}`);
  }
  return lines.join('\n') + '\n';
}
