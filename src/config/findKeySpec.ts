import { FIXED_SECTIONS, PROCESS_KEYS, PROCESS_SECTION_PREFIX, type KeySpec } from './schema.js';

/** The spec of `key` in `section` as written in config.ini, or undefined when the agent does not know it. */
export function findKeySpec(section: string, key: string): KeySpec | undefined {
  const specs = Object.hasOwn(FIXED_SECTIONS, section) ? FIXED_SECTIONS[section] : section.startsWith(PROCESS_SECTION_PREFIX) ? PROCESS_KEYS : undefined;
  return specs?.find((spec) => spec.key === key);
}
