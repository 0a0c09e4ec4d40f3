import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expandCommand, shellQuote } from '../../src/process/shellQuote.js';

/** What /bin/sh makes of a command line: printf's output. */
function shellPrints(commandLine: string): string {
  const result = spawnSync('/bin/sh', ['-c', commandLine], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout;
}

const AWKWARD = [
  'apache2',
  "it's",
  "a'b'c",
  "''",
  'two words',
  '  leading and trailing  ',
  '$HOME',
  '$(touch /tmp/should-not-exist-monitor)',
  '`id`',
  'a"b',
  'back\\slash',
  'semi;colon && echo pwned | cat > x',
  '*',
  '%s',
  '-n',
  '',
  '!',
  'tab\there',
];

describe('shellQuote', () => {
  it('single-quotes and escapes quotes the POSIX way', () => {
    expect(shellQuote('apache2')).toBe("'apache2'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it.each(AWKWARD)('a real /bin/sh reads %j back verbatim', (value) => {
    expect(shellPrints(`printf '%s' ${shellQuote(value)}`)).toBe(value);
  });
});

describe('expandCommand', () => {
  it('replaces every %s with the quoted name', () => {
    expect(expandCommand('pgrep %s', 'sshd')).toBe("pgrep 'sshd'");
    expect(expandCommand('systemctl is-active %s && pgrep -x -- %s', 'nginx')).toBe("systemctl is-active 'nginx' && pgrep -x -- 'nginx'");
    expect(expandCommand('true', 'x')).toBe('true');
  });

  it('reads %% as a literal %, left to right, so %%s is a literal %s', () => {
    expect(expandCommand('date +%%s', 'x')).toBe('date +%s');
    expect(expandCommand('printf %%%s', 'x')).toBe("printf %'x'");
    expect(expandCommand('echo %%%%s %s', 'x')).toBe("echo %%s 'x'");
    expect(expandCommand('date +%Y %d', 'x')).toBe('date +%Y %d'); // any other % is kept
    expect(shellPrints(expandCommand("printf '%%s|' %s", 'na me'))).toBe('na me|');
  });

  it('does not re-expand a %s inside the name', () => {
    expect(expandCommand('echo %s', '%s')).toBe("echo '%s'");
  });

  it.each(AWKWARD)('the expanded command prints the name %j back verbatim through /bin/sh', (name) => {
    // Two %s: both replaced, each quoted on its own.
    // The format is written '%''s' so that the template's only %s are the two arguments.
    const line = expandCommand("printf '%''s|%''s' %s %s", name);
    expect(shellPrints(line)).toBe(`${name}|${name}`);
  });
});
