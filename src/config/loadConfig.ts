import { readFileSync } from 'node:fs';
import ini from 'ini';
import { ConfigError } from './ConfigError.js';
import { findCutValues } from './findCutValues.js';
import { flattenSections } from './flattenSections.js';
import { exposedSecretWarning, readPassword } from './readPassword.js';
import { restoreWordValues } from './restoreWordValues.js';
import type { Config } from './types.js';
import { validateConfig } from './validateConfig.js';

/**
 * Reads, parses and validates config.ini. Throws ConfigError listing every
 * problem; warnings (unknown keys, exposed secrets) come back in the config.
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(file, [{ section: '-', key: '', value: file, expected: `a readable configuration file (${reason})` }]);
  }

  const { config, problems } = validateConfig(restoreWordValues(flattenSections(ini.parse(text) as Record<string, unknown>), text));
  for (const cut of findCutValues(text)) {
    config.warnings.push(
      `[${cut.section}] ${cut.key}: the text after ";" or "#" was read as a comment; put the value in double quotes to keep it`,
    );
  }

  // Checked even when other keys are wrong, so every problem is listed at once.
  const passwordSourceClear = !problems.some((p) => p.section === 'database' && p.key === 'password_file');
  if (passwordSourceClear) {
    try {
      const source = readPassword(config.database, env);
      config.database.password = source.password;
      if (source.file) {
        const warning = exposedSecretWarning(source.file);
        if (warning) config.warnings.push(warning);
      }
    } catch (error) {
      problems.push({ section: 'database', key: 'password_file', value: config.database.password_file, expected: `a readable file: ${(error as Error).message}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems, config.warnings);

  // A password written in config.ini makes the file itself a secret.
  if (config.database.password_file === '' && config.database.password !== '') {
    const warning = exposedSecretWarning(file);
    if (warning) config.warnings.push(warning);
  }
  return { file, ...config };
}
