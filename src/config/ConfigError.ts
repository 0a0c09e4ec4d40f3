/** One problem found in config.ini: where it is, what was there, what was expected. */
export interface ConfigProblem {
  readonly section: string;
  readonly key: string;
  readonly value: string;
  readonly expected: string;
}

export function describeProblem(p: ConfigProblem): string {
  const where = p.key ? `[${p.section}] ${p.key}` : `[${p.section}]`;
  return `${where} = "${p.value}": expected ${p.expected}`;
}

/** Every problem of a config file at once, so the administrator fixes them in one pass. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
    readonly warnings: readonly string[] = [],
  ) {
    super(
      `Invalid configuration in ${file} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${describeProblem(p)}`).join('\n') +
        (warnings.length > 0 ? `\nWarnings:\n${warnings.map((w) => `  - ${w}`).join('\n')}` : ''),
    );
    this.name = 'ConfigError';
  }
}
