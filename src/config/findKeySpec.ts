import { FIXED_SECTIONS, PROCESS_KEYS, PROCESS_SECTION_PREFIX, WATCH_KEYS, WATCH_SECTION_PREFIX, type KeySpec } from './schema.js';

function specsOf(section: string): readonly KeySpec[] | undefined {
  if (Object.hasOwn(FIXED_SECTIONS, section)) return FIXED_SECTIONS[section];
  if (section.startsWith(PROCESS_SECTION_PREFIX)) return PROCESS_KEYS;
  if (section.startsWith(WATCH_SECTION_PREFIX)) return WATCH_KEYS;
  return undefined;
}

/** The spec of `key` in `section` as written in config.ini, or undefined when the agent does not know it. */
export function findKeySpec(section: string, key: string): KeySpec | undefined {
  const specs = specsOf(section);
  return specs?.find((spec) => spec.key === key);
}
