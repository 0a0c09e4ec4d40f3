import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { findMisreadCommands } from '../../src/config/findMisreadCommands.js';

/** What ini reads for `key` in `[section]` of `text`. */
function iniReads(text: string, section: string, key: string): unknown {
  const sections = ini.parse(text) as Record<string, Record<string, unknown> | undefined>;
  return sections[section]?.[key];
}

describe('findMisreadCommands', () => {
  it('refuses a command cut at ";", naming section and key, showing what was read and the quoted form', () => {
    const problems = findMisreadCommands('[process.web]\npre_restart_command = echo broken >&2; exit 1\n');
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ section: 'process.web', key: 'pre_restart_command', value: 'echo broken >&2' });
    expect(problem!.expected).toContain('pre_restart_command = "echo broken >&2; exit 1"');
    // The suggestion, pasted into a file, reads back as the whole command.
    const suggested = /pre_restart_command = (".*")$/.exec(problem!.expected)![1];
    expect(iniReads(`[x]\npre_restart_command = ${suggested}\n`, 'x', 'pre_restart_command')).toBe('echo broken >&2; exit 1');
  });

  it('refuses ; or # after a space too (a shell sequence, or a comment the shell would ignore anyway)', () => {
    const text = '[process.default]\nhealth_check_command = pgrep %s ; exit 0\nstart_command = /usr/bin/w # start it\n';
    expect(findMisreadCommands(text).map((p) => p.key)).toEqual(['health_check_command', 'start_command']);
  });

  it('refuses a double-quoted command ini cannot read (a backslash escape JSON does not know)', () => {
    const problems = findMisreadCommands('[process.x]\nhealth_check_command = "grep -q \'\\d\' /x; exit 1"\n');
    expect(problems).toHaveLength(1);
    const suggested = /health_check_command = (".*")$/.exec(problems[0]!.expected)![1]!;
    expect(iniReads(`[x]\nk = ${suggested}\n`, 'x', 'k')).toBe("grep -q '\\d' /x; exit 1");
  });

  it('accepts quoted and escaped commands, and leaves other keys to the warning', () => {
    const text = [
      '[database]',
      'password = abc#123',
      '[process.x]',
      'pre_restart_command = "echo broken >&2; exit 1"',
      "health_check_command = 'pgrep x; true'",
      'start_command = run a\\;b',
      'colour = red;blue',
      '[mystery]',
      'start_command = a;b',
    ].join('\n');
    expect(findMisreadCommands(text)).toEqual([]);
  });
});
