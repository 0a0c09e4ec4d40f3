// The docs' lists of restart strategies, checked against a strategy registry: a pure
// function of (registry, documents), so that a test can hand it a registry with one
// strategy more and see it ask for that strategy's entries (test/restart/strategies/
// registeredStrategy.test.ts); configKeysDocumented.test.ts runs it on the real one.
import { AUTO, type StrategyRegistry } from '../../src/restart/strategies/strategyRegistry.js';

export interface StrategyDocs {
  /** man/monitor_service.8 */
  man: string;
  /** README.md */
  readme: string;
  /** config.ini.example */
  example: string;
}

/** The lines of the man page's `.SH name` section. */
function manSection(man: string, name: string): string[] {
  const lines = man.split('\n');
  const start = lines.findIndex((l) => l.replace(/"/g, '').trim() === `.SH ${name}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^\.SH\b/.test(l));
  return lines.slice(start + 1, end < 0 ? lines.length : end);
}

/** The `.TP` / `.B tag` entries of a section, with the lines of each body. */
function taggedEntries(lines: readonly string[]): Array<{ tag: string; body: string[] }> {
  const entries: Array<{ tag: string; body: string[] }> = [];
  lines.forEach((line, i) => {
    const tag = /^\.B\s+(\S+)\s*$/.exec(lines[i + 1] ?? '');
    if (line !== '.TP' || !tag) return;
    const body: string[] = [];
    for (let j = i + 2; j < lines.length && !/^\.(TP|SS|SH|PP|P|LP)\b/.test(lines[j]!); j++) body.push(lines[j]!);
    entries.push({ tag: tag[1]!, body });
  });
  return entries;
}

/** roff lines as the words they print: font macros and escapes dropped, whitespace collapsed. */
export function roffText(lines: readonly string[]): string {
  const words = lines.map((line) => {
    const macro = /^\.(B|I|BR|RB|IR|RI|BI|IB)\s+(.*)$/.exec(line);
    if (!macro) return line.startsWith('.') ? '' : line;
    const args = [...macro[2]!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    return macro[1]!.length === 1 ? args.join(' ') : args.join('');
  });
  return words
    .join(' ')
    .replace(/\\f[BIRP]/g, '')
    .replace(/\\&/g, '')
    .replace(/\\-/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every way the documents disagree with the registry; empty when they agree. */
export function strategyDocProblems<Name extends string>(strategies: StrategyRegistry<Name>, docs: StrategyDocs): string[] {
  const problems: string[] = [];
  const listed = strategies.entries.map((entry) => `${entry.name} (${entry.summary})`);

  // man page, RESTART STRATEGIES: one entry per strategy, in registry order, then auto.
  const documented = taggedEntries(manSection(docs.man, 'RESTART STRATEGIES')).map((e) => e.tag);
  const expected = [...strategies.choices];
  if (documented.join(' ') !== expected.join(' ')) {
    problems.push(`man page, RESTART STRATEGIES: entries (.TP / .B name) are ${documented.join(', ')}; expected ${expected.join(', ')}, in that order`);
  }

  // man page, CONFIGURATION, restart_strategy: "name (summary)" for each, and the choices.
  const entry = taggedEntries(manSection(docs.man, 'CONFIGURATION')).find((e) => e.tag === 'restart_strategy');
  const manText = roffText(entry?.body ?? []);
  for (const line of listed) if (!manText.includes(line)) problems.push(`man page, restart_strategy: does not list "${line}"`);
  const choices = `One of ${strategies.choices.join(', ')}.`;
  if (!manText.includes(choices)) problems.push(`man page, restart_strategy: should say "${choices}"`);

  // README, Configuration: the restart_strategy row lists "`name` (summary)" for each, and auto.
  const row = docs.readme.split('\n').find((l) => l.startsWith('| `restart_strategy` |'));
  const rowText = (row ?? '').replace(/`/g, '');
  for (const line of [...listed, `${AUTO} (`]) if (!rowText.includes(line)) problems.push(`README, restart_strategy row: does not list "${line}"`);

  // config.ini.example: the comment above restart_strategy names every choice.
  const exampleLines = docs.example.split('\n');
  const at = exampleLines.findIndex((l) => /^restart_strategy\s*=/.test(l));
  let first = at;
  while (first > 0 && exampleLines[first - 1]!.startsWith(';')) first -= 1;
  const comment = exampleLines.slice(first, Math.max(at, 0)).join(' ');
  for (const name of strategies.choices) {
    if (!new RegExp(`\\b${name}\\b`).test(comment)) problems.push(`config.ini.example: the comment above restart_strategy does not name ${name}`);
  }
  return problems;
}
