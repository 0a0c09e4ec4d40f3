import { parseValue } from './parseValue.js';
import { PROCESS_KEYS } from './schema.js';
import type { ProcessOverrides, ProcessSettings } from './types.js';

const BUILT_IN: ProcessSettings = Object.fromEntries(
  PROCESS_KEYS.map((spec) => {
    const parsed = parseValue(spec, spec.default);
    if (!parsed.ok) throw new Error(`built-in default of ${spec.key} is invalid`);
    return [spec.key, parsed.value];
  }),
) as unknown as ProcessSettings;

/** Settings for one process: built-in ← [process.default] ← [process.NAME]. */
export function resolveProcessSettings(defaults: ProcessOverrides, own: ProcessOverrides | undefined): ProcessSettings {
  return { ...BUILT_IN, ...defaults, ...(own ?? {}) };
}
