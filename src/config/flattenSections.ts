/**
 * The `ini` package nests dotted section names: `[process.php-fpm7.4]` comes
 * back as { process: { 'php-fpm7': { '4': {...} } } }. Sections here are named
 * as the administrator wrote them, so undo the nesting: every string value
 * belongs to the section whose dotted path leads to it; an empty section is kept.
 */
export type FlatSections = Record<string, Record<string, unknown>>;

export function flattenSections(parsed: Record<string, unknown>): FlatSections {
  const sections: FlatSections = {};
  const walk = (node: Record<string, unknown>, path: string): void => {
    // A section with no keys still exists ([watch.nginx] alone watches nginx with the defaults).
    if (path !== '' && Object.keys(node).length === 0) sections[path] ??= {};
    for (const [key, value] of Object.entries(node)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        walk(value as Record<string, unknown>, path ? `${path}.${key}` : key);
      } else {
        (sections[path] ??= {})[key] = value;
      }
    }
  };
  walk(parsed, '');
  return sections;
}
