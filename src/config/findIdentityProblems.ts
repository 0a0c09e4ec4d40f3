import type { ConfigProblem } from './ConfigError.js';
import { DEFAULT_PROCESS_SECTION } from './schema.js';
import type { ProcessOverrides } from './types.js';

/**
 * Pure: what is wrong with how one [process.*] section says which processes are
 * its instances. pid_file and match name one process's instances, so they belong
 * in [process.NAME] (in [process.default] every process would stop the same
 * ones); one of them at most. (That a pid file is an absolute path, its type checks.)
 */
export function findIdentityProblems(section: string, overrides: ProcessOverrides): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pidFile = overrides.pid_file ?? '';
  const match = overrides.match ?? '';
  if (section === DEFAULT_PROCESS_SECTION) {
    for (const [key, value] of [
      ['pid_file', pidFile],
      ['match', match],
    ] as const) {
      if (value === '') continue;
      problems.push({ section, key, value, expected: `no ${key} here: it names one process's instances, so set it in [process.NAME]` });
    }
    return problems;
  }
  if (pidFile !== '' && match !== '') {
    problems.push({ section, key: 'match', value: match, expected: 'either pid_file or match, not both (pid_file is set too)' });
  }
  return problems;
}
