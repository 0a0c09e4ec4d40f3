import { parseValue, type ParsedValue } from './parseValue.js';
import { DATABASE_KEYS, LOGGING_KEYS, METRICS_KEYS, MONITOR_KEYS, NOTIFY_KEYS, PROCESS_KEYS, WATCH_KEYS, WEB_KEYS, type KeySpec } from './schema.js';
import { isCompleteSettings, type SettingsOf } from './settingsOf.js';

/** Every key of a section at its built-in default, parsed like a value from config.ini. */
function defaultsOf<Specs extends readonly KeySpec[]>(specs: Specs): Readonly<SettingsOf<Specs>> {
  const values: Record<string, ParsedValue> = {};
  for (const spec of specs) {
    const parsed = parseValue(spec, spec.default);
    if (!parsed.ok) throw new Error(`built-in default of ${spec.key} is invalid: expected ${parsed.expected}`);
    values[spec.key] = parsed.value;
  }
  if (!isCompleteSettings(specs, values)) throw new Error(`built-in defaults of ${specs.map((s) => s.key).join(', ')} do not fit their specs`);
  return Object.freeze(values);
}

/** The built-in defaults of every section, parsed once when the schema is loaded. */
export const BUILT_IN_DEFAULTS = {
  database: defaultsOf(DATABASE_KEYS),
  monitor: defaultsOf(MONITOR_KEYS),
  logging: defaultsOf(LOGGING_KEYS),
  notify: defaultsOf(NOTIFY_KEYS),
  process: defaultsOf(PROCESS_KEYS),
  metrics: defaultsOf(METRICS_KEYS),
  web: defaultsOf(WEB_KEYS),
  watch: defaultsOf(WATCH_KEYS),
};
