import { BUILT_IN_DEFAULTS } from './builtInDefaults.js';
import type { ProcessOverrides, ProcessSettings } from './types.js';

/** Settings for one process: built-in ← [process.default] ← [process.NAME]. */
export function resolveProcessSettings(defaults: ProcessOverrides, own: ProcessOverrides | undefined): ProcessSettings {
  return { ...BUILT_IN_DEFAULTS.process, ...defaults, ...(own ?? {}) };
}
