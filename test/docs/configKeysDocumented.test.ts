// The configuration keys exist in three places that must agree: src/config/schema.ts
// (the source of truth), the CONFIGURATION section of man/monitor_service.8, and
// config.ini.example. This file fails when one of them drifts: a key added to the
// schema but not documented, a documented key the schema does not know, or a
// documented default, range or choice that is not the schema's. The same for the
// restart strategies, whose source is src/restart/strategies/registry.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ini from 'ini';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROCESS_SECTION,
  FIXED_SECTIONS,
  PROCESS_KEYS,
  PROCESS_SECTION_PREFIX,
  WATCH_KEYS,
  WATCH_SECTION_PREFIX,
  type KeySpec,
} from '../../src/config/schema.js';
import { messages } from '../../src/log/messages.js';
import { STRATEGIES } from '../../src/restart/strategies/registry.js';
import { inCI } from '../support/skipRule.js';
import { strategyDocProblems } from './strategiesDocumented.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAN_PAGE = path.join(REPO_ROOT, 'man/monitor_service.8');
const EXAMPLE = path.join(REPO_ROOT, 'config.ini.example');
const manText = readFileSync(MAN_PAGE, 'utf8');
const exampleText = readFileSync(EXAMPLE, 'utf8');

/** The schema's key sets; every [process.*] section shares PROCESS_KEYS, every [watch.*] WATCH_KEYS. */
const PROCESS_GROUP = 'process';
const WATCH_GROUP = 'watch';
const SCHEMA: Readonly<Record<string, readonly KeySpec[]>> = { ...FIXED_SECTIONS, [PROCESS_GROUP]: PROCESS_KEYS, [WATCH_GROUP]: WATCH_KEYS };

/** Which key set an INI section name uses: `database`, …, or `process` for process.*. */
function keyGroupOf(section: string): string | undefined {
  if (Object.hasOwn(FIXED_SECTIONS, section)) return section;
  if (section.startsWith(PROCESS_SECTION_PREFIX) && section.length > PROCESS_SECTION_PREFIX.length) return PROCESS_GROUP;
  if (section.startsWith(WATCH_SECTION_PREFIX) && section.length > WATCH_SECTION_PREFIX.length) return WATCH_GROUP;
  return undefined;
}

function specOf(group: string, key: string): KeySpec | undefined {
  return SCHEMA[group]?.find((spec) => spec.key === key);
}

/** The roff escapes these documents use, turned back into the characters they print. */
function unroff(text: string): string {
  return text
    .replace(/\\&/g, '')
    .replace(/\\-/g, '-')
    .replace(/\\\(aq/g, "'")
    .replace(/\\\(lq|\\\(rq/g, '"')
    .replace(/\\e/g, '\\');
}

// --- man page --------------------------------------------------------------

interface ManEntry {
  group: string | undefined;
  subsection: string;
  key: string;
  /** The roff lines after the tag, up to the next .TP/.SS/.SH/.PP. */
  body: string;
  line: number;
}

/** Lines of one `.SH` section, with their 1-based line numbers. */
function manSection(name: string): Array<{ text: string; line: number }> {
  const lines = manText.split('\n');
  const start = lines.findIndex((l) => l.replace(/"/g, '').trim() === `.SH ${name}`);
  if (start < 0) throw new Error(`man page has no .SH ${name} section`);
  let end = lines.findIndex((l, i) => i > start && /^\.SH\b/.test(l));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end).map((text, i) => ({ text, line: start + 2 + i }));
}

/**
 * The CONFIGURATION section's key entries: `.TP` followed by `.B key`, grouped by
 * the `.SS [section]` subsection they are in. Any other `.TP` tag there is an error,
 * so a key cannot hide from this test behind another markup.
 */
function manConfigurationEntries(): { entries: ManEntry[]; malformed: string[] } {
  const lines = manSection('CONFIGURATION');
  const entries: ManEntry[] = [];
  const malformed: string[] = [];
  let subsection = '';
  let group: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const { text, line } = lines[i]!;
    if (/^\.SS\b/.test(text)) {
      subsection = text.replace(/^\.SS\s*/, '').replace(/"/g, '');
      const named = /\[([^\]\s]+)\]/.exec(subsection);
      group = named ? keyGroupOf(named[1]!) : undefined;
      continue;
    }
    if (text !== '.TP') continue;
    const tag = /^\.B\s+([A-Za-z0-9_]+)\s*$/.exec(lines[i + 1]?.text ?? '');
    if (!tag) {
      malformed.push(`line ${line}: .TP tag is not ".B key_name": ${JSON.stringify(lines[i + 1]?.text)}`);
      continue;
    }
    const body: string[] = [];
    for (let j = i + 2; j < lines.length && !/^\.(TP|SS|SH|PP|P|LP)\b/.test(lines[j]!.text); j++) body.push(lines[j]!.text);
    entries.push({ group, subsection, key: tag[1]!, body: body.join('\n'), line });
    i += 1;
  }
  return { entries, malformed };
}

const man = manConfigurationEntries();

/** What the entry says the default is: the bold value, or '' for "Default: none". */
function documentedDefault(body: string): string | undefined {
  const match = /Default: (?:\\fB(.*?)\\f[RP]|(none)\b)/.exec(body);
  if (!match) return undefined;
  return match[2] === 'none' ? '' : unroff(match[1]!);
}

describe('man page CONFIGURATION section', () => {
  it('tags every entry as .TP / .B key_name, inside a [section] subsection', () => {
    expect(man.malformed).toEqual([]);
    const outside = man.entries.filter((e) => e.group === undefined).map((e) => `${e.key} (line ${e.line}, under "${e.subsection}")`);
    expect(outside, 'keys documented outside a .SS [database]/[monitor]/[logging]/[process.*] subsection').toEqual([]);
  });

  it('documents every schema key, in its section', () => {
    const missing: string[] = [];
    for (const [group, specs] of Object.entries(SCHEMA)) {
      for (const spec of specs) {
        if (!man.entries.some((e) => e.group === group && e.key === spec.key)) missing.push(`[${group}] ${spec.key}`);
      }
    }
    expect(missing, 'in src/config/schema.ts but not in man/monitor_service.8').toEqual([]);
  });

  it('documents no key that the schema does not have, and none twice', () => {
    const unknown = man.entries.filter((e) => e.group !== undefined && !specOf(e.group, e.key)).map((e) => `[${e.group}] ${e.key} (line ${e.line})`);
    expect(unknown, 'in man/monitor_service.8 but not in src/config/schema.ts').toEqual([]);
    const seen = new Set<string>();
    const twice = man.entries.map((e) => `[${e.group}] ${e.key}`).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(twice).toEqual([]);
  });

  it("states each key's default as the schema does", () => {
    const wrong: string[] = [];
    for (const entry of man.entries) {
      const spec = entry.group && specOf(entry.group, entry.key);
      if (!spec) continue;
      const documented = documentedDefault(entry.body);
      if (documented !== spec.default) {
        const expected = spec.default === '' ? 'Default: none' : `Default: \\fB${spec.default}\\fR`;
        wrong.push(
          `${entry.key} (line ${entry.line}): documents ${JSON.stringify(documented)}, schema says ${JSON.stringify(spec.default)} (write "${expected}")`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it("states each key's type, range and choices as the schema does", () => {
    const wrong: string[] = [];
    for (const entry of man.entries) {
      const spec = entry.group && specOf(entry.group, entry.key);
      if (!spec) continue;
      // A long list of choices may be broken across roff lines (mandoc wants them under 80 bytes).
      const body = unroff(entry.body).replace(/\n/g, ' ');
      if (spec.type === 'integer' && !body.includes('Integer,')) wrong.push(`${entry.key}: say "Integer,"`);
      if (spec.type === 'number' && !body.includes('Number,')) wrong.push(`${entry.key}: say "Number,"`);
      if (spec.min !== undefined && spec.max !== undefined) {
        const range = `\\fB${spec.min}\\fR to \\fB${spec.max}\\fR`;
        if (!body.includes(range)) wrong.push(`${entry.key}: range should read "${range}"`);
      }
      if (spec.choices) {
        const list = `One of ${spec.choices.map((c) => `\\fB${c}\\fR`).join(', ')}.`;
        if (!body.includes(list)) wrong.push(`${entry.key}: choices should read "${list}"`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('man page', () => {
  const SECTIONS = [
    'NAME',
    'SYNOPSIS',
    'DESCRIPTION',
    'OPTIONS',
    'COMMANDS',
    'CONFIGURATION',
    'DATABASE',
    'RESTART STRATEGIES',
    'CIRCUIT BREAKER',
    'NOTIFICATIONS',
    'SECURITY',
    'FILES',
    'ENVIRONMENT',
    'EXIT STATUS',
    'SIGNALS',
    'SYSTEMD',
    'LOGGING',
    'EXAMPLES',
    'SEE ALSO',
  ];

  it('is man(7), not mdoc, and has every section, in order', () => {
    expect(manText).toMatch(/^\.TH MONITOR_SERVICE 8 /m);
    expect(manText).not.toMatch(/^\.(Dd|Dt|Sh)\b/m);
    const found = manText
      .split('\n')
      .filter((l) => /^\.SH\b/.test(l))
      .map((l) => l.replace(/^\.SH\s*/, '').replace(/"/g, ''));
    expect(found).toEqual(SECTIONS);
  });

  it("quotes the user guide's log lines word for word, as src/log/messages.ts writes them", () => {
    const logging = unroff(
      manSection('LOGGING')
        .map((l) => l.text)
        .join('\n'),
    );
    const guideLines = [
      `- INFO - ${messages.serviceStart()}`,
      `- INFO - ${messages.foundAlarm('apache2', 1)}`,
      `- INFO - ${messages.beginRestart('apache2', 'service')}`,
      `- INFO - ${messages.restartSucceeded('apache2')}`,
      `- ERROR - ${messages.healthCheckFailed('apache2')}`,
      `- WARNING - ${messages.breakerOpened('apache2', 3)}`,
    ];
    expect(guideLines.filter((line) => !logging.includes(line))).toEqual([]);
  });

  // mandoc -T lint implies -W all: style messages count too.
  const probe = spawnSync('mandoc', ['-T', 'lint'], { input: '', encoding: 'utf8' });
  const mandocMissing = probe.error !== undefined && 'code' in probe.error && probe.error.code === 'ENOENT';
  if (mandocMissing && !inCI()) console.warn('[docs] mandoc is not installed: skipping the man page lint (apt-get install mandoc)');

  it.skipIf(mandocMissing && !inCI())('passes mandoc -T lint with no message at all', () => {
    if (mandocMissing) throw new Error('mandoc is required in CI (CI=true): apt-get install mandoc');
    const lint = spawnSync('mandoc', ['-T', 'lint', MAN_PAGE], { encoding: 'utf8' });
    expect(`${lint.stdout}${lint.stderr}`).toBe('');
    expect(lint.status).toBe(0);
  });
});

// --- config.ini.example ----------------------------------------------------

interface ExampleKey {
  section: string;
  key: string;
  commented: boolean;
  value: string;
  line: number;
}

/**
 * Every `key = value` and `; key = value` line, with the section it is under;
 * a commented header (`; [process.apache2]`) opens a commented example section.
 */
function exampleKeys(): ExampleKey[] {
  const found: ExampleKey[] = [];
  let section = '';
  exampleText.split(/\r?\n/).forEach((text, i) => {
    const header = /^\s*(?:[;#]\s*)?\[([^\]]+)\]\s*$/.exec(text);
    if (header) {
      section = header[1]!.trim();
      return;
    }
    const pair = /^\s*([;#]\s*)?([A-Za-z0-9_]+)\s*=(.*)$/.exec(text);
    if (pair) found.push({ section, key: pair[2]!, commented: pair[1] !== undefined, value: pair[3]!.trim(), line: i + 1 });
  });
  return found;
}

const example = exampleKeys();
/** Sections whose values stand for the built-in defaults (the rest are commented examples). */
const DEFAULTS_SECTIONS = [...Object.keys(FIXED_SECTIONS), DEFAULT_PROCESS_SECTION];

describe('config.ini.example', () => {
  it('documents every schema key in its section, commented or not', () => {
    const missing: string[] = [];
    for (const section of DEFAULTS_SECTIONS) {
      for (const spec of SCHEMA[keyGroupOf(section)!]!) {
        if (!example.some((k) => k.section === section && k.key === spec.key)) missing.push(`[${section}] ${spec.key}`);
      }
    }
    expect(missing, 'in src/config/schema.ts but not in config.ini.example').toEqual([]);
  });

  it('shows every [watch.NAME] key in a commented example watch', () => {
    const missing = WATCH_KEYS.filter((spec) => !example.some((k) => k.section.startsWith(WATCH_SECTION_PREFIX) && k.key === spec.key && k.commented)).map(
      (spec) => `[watch.NAME] ${spec.key}`,
    );
    expect(missing, 'in src/config/schema.ts but in no commented [watch.NAME] of config.ini.example').toEqual([]);
  });

  it('has no key or section that the schema does not know', () => {
    const unknown = example
      .filter((k) => {
        const group = keyGroupOf(k.section);
        return group === undefined || !specOf(group, k.key);
      })
      .map((k) => `[${k.section}] ${k.key} (line ${k.line})`);
    expect(unknown, 'in config.ini.example but not in src/config/schema.ts').toEqual([]);
  });

  it('shows the schema default for every key of the default sections', () => {
    const wrong = example
      .filter((k) => DEFAULTS_SECTIONS.includes(k.section))
      .filter((k) => k.value !== specOf(keyGroupOf(k.section)!, k.key)?.default)
      .map((k) => `[${k.section}] ${k.key} = ${JSON.stringify(k.value)} (line ${k.line})`);
    expect(wrong).toEqual([]);
  });

  it("keeps the user guide's blocks uncommented", () => {
    const guide: Record<string, string[]> = {
      database: ['host', 'user', 'password', 'database'],
      monitor: ['check_interval', 'max_restart_failures', 'circuit_reset_time'],
      logging: ['max_log_size', 'log_files_to_keep'],
      [DEFAULT_PROCESS_SECTION]: ['restart_strategy', 'health_check_command', 'health_check_timeout', 'restart_delay', 'max_attempts'],
    };
    const commented = Object.entries(guide).flatMap(([section, keys]) =>
      keys.filter((key) => !example.some((k) => k.section === section && k.key === key && !k.commented)).map((key) => `[${section}] ${key}`),
    );
    expect(commented).toEqual([]);
  });

  it('parses with ini, and every value it sets is the schema default', () => {
    const parsed = ini.parse(exampleText) as Record<string, unknown>;
    // ini nests dotted section names: [process.default] is parsed.process.default.
    const sections: Record<string, unknown> = { ...parsed };
    const processes = sections[PROCESS_GROUP] as Record<string, unknown> | undefined;
    delete sections[PROCESS_GROUP];
    for (const [name, values] of Object.entries(processes ?? {})) sections[`${PROCESS_SECTION_PREFIX}${name}`] = values;

    expect(Object.keys(sections).sort()).toEqual([...DEFAULTS_SECTIONS].sort());
    const wrong: string[] = [];
    for (const [section, values] of Object.entries(sections)) {
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        const spec = specOf(keyGroupOf(section)!, key);
        if (!spec) wrong.push(`[${section}] ${key}: not in the schema`);
        else if (value !== spec.default) wrong.push(`[${section}] ${key} = ${JSON.stringify(value)}, schema default ${JSON.stringify(spec.default)}`);
      }
    }
    expect(wrong).toEqual([]);
    // The line scan above and ini agree on what is set.
    const uncommented = example
      .filter((k) => !k.commented)
      .map((k) => `[${k.section}] ${k.key}`)
      .sort();
    const set = Object.entries(sections)
      .flatMap(([s, v]) => Object.keys(v as object).map((k) => `[${s}] ${k}`))
      .sort();
    expect(set).toEqual(uncommented);
  });
});

// --- restart strategies -----------------------------------------------------

describe('restart strategies in the docs', () => {
  it('lists the registered strategies, in registry order, in the man page, README and config.ini.example', () => {
    const docs = { man: manText, readme: readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'), example: exampleText };
    expect(strategyDocProblems(STRATEGIES, docs)).toEqual([]);
  });
});
