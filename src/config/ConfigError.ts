import { escapeControlCharacters as shown } from '../log/escapeControlCharacters.js';

/** One problem found in config.ini: where it is, what was there, what was expected. */
export interface ConfigProblem {
  readonly section: string;
  readonly key: string;
  readonly value: string;
  readonly expected: string;
}

/** One line; whatever came from the file (or its name) has its control characters escaped. */
export function describeProblem(p: ConfigProblem): string {
  const where = p.key ? `[${shown(p.section)}] ${shown(p.key)}` : `[${shown(p.section)}]`;
  return `${where} = "${shown(p.value)}": expected ${shown(p.expected)}`;
}

/** Every problem of a config file at once, so the administrator fixes them in one pass. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
    readonly warnings: readonly string[] = [],
  ) {
    super(
      `Invalid configuration in ${shown(file)} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${describeProblem(p)}`).join('\n') +
        (warnings.length > 0 ? `\nWarnings:\n${warnings.map((w) => `  - ${shown(w)}`).join('\n')}` : ''),
    );
    this.name = 'ConfigError';
  }
}
