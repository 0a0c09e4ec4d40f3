// pid_file and match, section by section: a config problem names section, key and value.
import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { findIdentityProblems } from '../../src/config/findIdentityProblems.js';
import { findMisreadCommands } from '../../src/config/findMisreadCommands.js';
import { flattenSections } from '../../src/config/flattenSections.js';
import { validateConfig } from '../../src/config/validateConfig.js';

const validate = (text: string) => validateConfig(flattenSections(ini.parse(text)));

describe('findIdentityProblems', () => {
  it('accepts one of pid_file and match, or neither', () => {
    expect(findIdentityProblems('process.web', {})).toEqual([]);
    expect(findIdentityProblems('process.web', { pid_file: '/run/web.pid' })).toEqual([]);
    expect(findIdentityProblems('process.web', { match: 'crasher\\.py' })).toEqual([]);
  });

  it('refuses both at once, naming the section and the key', () => {
    expect(findIdentityProblems('process.web', { pid_file: '/run/web.pid', match: 'web' })).toEqual([
      { section: 'process.web', key: 'match', value: 'web', expected: 'either pid_file or match, not both (pid_file is set too)' },
    ]);
  });

  it('wants a pid file by its absolute path', () => {
    expect(validate('[process.web]\npid_file = run/web.pid\n').problems).toEqual([
      { section: 'process.web', key: 'pid_file', value: 'run/web.pid', expected: 'an absolute path (starting with /), or nothing' },
    ]);
  });

  it('keeps them out of [process.default]: every process would stop the same processes', () => {
    expect(findIdentityProblems('process.default', { pid_file: '/run/x.pid', match: 'x' })).toEqual([
      {
        section: 'process.default',
        key: 'pid_file',
        value: '/run/x.pid',
        expected: "no pid_file here: it names one process's instances, so set it in [process.NAME]",
      },
      { section: 'process.default', key: 'match', value: 'x', expected: "no match here: it names one process's instances, so set it in [process.NAME]" },
    ]);
  });
});

describe('match and pid_file in config.ini', () => {
  it('reads a regular expression as written, backslashes included', () => {
    const { config, problems } = validate('[process.crasher]\nmatch = ^python3 (.*/)?crasher\\.py( |$)\n');
    expect(problems).toEqual([]);
    expect(config.processes.crasher?.match).toBe('^python3 (.*/)?crasher\\.py( |$)');
  });

  it('refuses a match that is no regular expression, naming section, key and value', () => {
    const { problems } = validate('[process.crasher]\nmatch = crasher(\\.py\n');
    expect(problems).toEqual([
      {
        section: 'process.crasher',
        key: 'match',
        value: 'crasher(\\.py',
        expected: 'a regular expression (Invalid regular expression: /crasher(\\.py/: Unterminated group)',
      },
    ]);
  });

  it.each(['.*', 'x*', '^', '(a|)'])('refuses %j, which matches an empty text and so every process', (pattern) => {
    const { problems } = validate(`[process.crasher]\nmatch = ${pattern}\n`);
    expect(problems).toEqual([
      {
        section: 'process.crasher',
        key: 'match',
        value: pattern,
        expected: 'a regular expression that does not match an empty text (this one matches every process)',
      },
    ]);
  });

  it('refuses a match that INI would cut at ";" or "#", showing the quoted form', () => {
    const problems = findMisreadCommands('[process.worker]\nmatch = worker #1\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ section: 'process.worker', key: 'match', value: 'worker' });
    expect(problems[0]?.expected).toMatch(/^the whole regular expression, but INI ends an unquoted value at ";" or "#".*match = "worker #1"$/);
  });

  it('reports every process section that sets both, and [process.default] setting either', () => {
    const { problems } = validate('[process.default]\nmatch = everything\n[process.a]\npid_file = /run/a.pid\nmatch = a\n[process.b]\npid_file = b.pid\n');
    expect(problems.map((p) => `[${p.section}] ${p.key}`).sort()).toEqual(['[process.a] match', '[process.b] pid_file', '[process.default] match']);
  });
});
