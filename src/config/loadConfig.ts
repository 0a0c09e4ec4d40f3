import ini from 'ini';
import { findUntrustedPath, runningAsRoot } from '../fs/findUntrustedPath.js';
import { escapeControlCharacters } from '../log/escapeControlCharacters.js';
import type { StrategyName } from '../restart/strategies/registry.js';
import type { StrategyRegistry } from '../restart/strategies/strategyRegistry.js';
import { ConfigError, type ConfigProblem } from './ConfigError.js';
import { findCutValues } from './findCutValues.js';
import { findKeySpec } from './findKeySpec.js';
import { findMisreadCommands, isReadAsWritten } from './findMisreadCommands.js';
import { findUnprintableLine, type UnprintableLine } from './findUnprintableLine.js';
import { flattenSections } from './flattenSections.js';
import { readConfigBytes } from './readConfigBytes.js';
import { readSecretFile } from './readSecretFile.js';
import { exposedSecretWarning, readPassword, UntrustedFileError } from './readPassword.js';
import { restoreWordValues } from './restoreWordValues.js';
import type { Config } from './types.js';
import { validateConfig } from './validateConfig.js';
import { WarningList } from './WarningList.js';

export interface LoadOptions {
  /**
   * Why someone other than root could change this file, or undefined. By
   * default judged when running as root: a file others can write would make
   * them root, since the agent runs its commands (monit refuses its control
   * file for the same reason).
   */
  untrustedPath?: (file: string) => string | undefined;
  /** The restart strategies restart_strategy may name (default: the registry; tests pass their own). */
  strategies?: StrategyRegistry<StrategyName>;
}

const ONLY_ROOT = 'a file that only root can change, since the agent runs as root (chown root, chmod go-w, and the same for its directories)';

function fileProblem(file: string, expected: string): ConfigError {
  return new ConfigError(file, [{ section: '-', key: '', value: file, expected }]);
}

function unprintableProblem(found: UnprintableLine): ConfigProblem {
  const excerpt = found.text.length > 60 ? `${found.text.slice(0, 60)}…` : found.text;
  const others = found.more > 0 ? `; ${found.more} more line${found.more === 1 ? '' : 's'} like it` : '';
  return { section: '-', key: `line ${found.line}`, value: excerpt, expected: `text (UTF-8, no control characters), found ${found.what}${others}` };
}

/**
 * Reads, parses and validates config.ini. Throws ConfigError listing every
 * problem; warnings (unknown keys, exposed secrets) come back in the config.
 * A file that others could change, that is too large or that is not text is
 * refused before anything in it is looked at.
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const untrustedPath = options.untrustedPath ?? (runningAsRoot() ? findUntrustedPath : () => undefined);
  const untrusted = untrustedPath(file);
  if (untrusted) throw fileProblem(file, `${ONLY_ROOT}: ${untrusted}`);
  const read = readConfigBytes(file);
  if (!read.ok) throw fileProblem(file, read.reason);
  const unprintable = findUnprintableLine(read.bytes);
  if (unprintable) throw new ConfigError(file, [unprintableProblem(unprintable)]);
  const text = new TextDecoder('utf-8').decode(read.bytes);

  const { config, problems } = validateConfig(restoreWordValues(flattenSections(ini.parse(text)), text), options.strategies);
  problems.push(...findMisreadCommands(text));
  const cutWarnings = new WarningList();
  for (const cut of findCutValues(text)) {
    if (isReadAsWritten(findKeySpec(cut.section, cut.key)?.type)) continue; // refused above
    cutWarnings.add(
      'values cut at ";" or "#"',
      `[${cut.section}] ${cut.key}: the text after ";" or "#" was read as a comment; put the value in double quotes to keep it`,
    );
  }
  config.warnings.push(...cutWarnings.toArray());

  // Checked even when other keys are wrong, so every problem is listed at once.
  const passwordSourceClear = !problems.some((p) => p.section === 'database' && p.key === 'password_file');
  if (passwordSourceClear) {
    try {
      const source = readPassword(config.database, env, untrustedPath);
      config.database.password = source.password;
      if (source.file) {
        const warning = exposedSecretWarning(source.file);
        if (warning) config.warnings.push(warning);
      }
    } catch (error) {
      const expected = error instanceof UntrustedFileError ? `${ONLY_ROOT}: ${error.message}` : `a readable file: ${(error as Error).message}`;
      problems.push({ section: 'database', key: 'password_file', value: config.database.password_file, expected });
    }
  }
  for (const [key, field] of [
    ['smtp_password_file', 'smtpPassword'],
    ['webhook_secret_file', 'webhookSecret'],
  ] as const) {
    const secretFile = config.notify[key];
    if (secretFile === '') continue;
    try {
      config.notifySecrets[field] = readSecretFile(secretFile, env, untrustedPath);
    } catch (error) {
      const expected = error instanceof UntrustedFileError ? `${ONLY_ROOT}: ${error.message}` : `a readable file: ${(error as Error).message}`;
      problems.push({ section: 'notify', key, value: secretFile, expected });
    }
  }
  if (config.web.web_password_file !== '') {
    try {
      config.webPassword = readSecretFile(config.web.web_password_file, env, untrustedPath);
      if (config.webPassword === '') {
        const expected = 'a file whose first line is the password (this one is empty, which would let anyone in)';
        problems.push({ section: 'web', key: 'web_password_file', value: config.web.web_password_file, expected });
      }
      const warning = exposedSecretWarning(config.web.web_password_file);
      if (warning) config.warnings.push(warning.replace('the database password', 'the password of [web] web_user'));
    } catch (error) {
      const expected = error instanceof UntrustedFileError ? `${ONLY_ROOT}: ${error.message}` : `a readable file: ${(error as Error).message}`;
      problems.push({ section: 'web', key: 'web_password_file', value: config.web.web_password_file, expected });
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems, config.warnings);

  // A password written in config.ini makes the file itself a secret.
  if (config.database.password_file === '' && config.database.password !== '') {
    const warning = exposedSecretWarning(file);
    if (warning) config.warnings.push(warning);
  }
  // Names in warnings come from the file or its path: keep terminals and logs safe.
  config.warnings = config.warnings.map(escapeControlCharacters);
  return { file, ...config };
}
