// The skip rule, checked on the test files themselves: a test may skip only through a
// condition that throws in CI (skipReasonOrFail and the helpers built on it), so that in CI
// a test that cannot run is a failure and never a silent skip.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Functions that throw in CI instead of returning a reason to skip (or answer "are we in CI"). */
const CI_AWARE = [
  'mariadbSkipReason',
  'systemdUserSkipReason',
  'systemdSystemSkipReason',
  'supervisordSkipReason',
  'serviceDirManagersSkipReason',
  'chromiumSkipReason',
  'inCI',
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The text between the parenthesis at `open` and its match. */
function insideParens(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')') depth -= 1;
    if (depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced parenthesis at ${open}`);
}

/** Removes every skipReasonOrFail(…) call: whatever it wraps obeys the rule. */
function withoutRuleCalls(expression: string): string {
  let rest = expression;
  for (let at = rest.indexOf('skipReasonOrFail('); at >= 0; at = rest.indexOf('skipReasonOrFail(')) {
    const open = at + 'skipReasonOrFail'.length;
    rest = `${rest.slice(0, at)}RULE${rest.slice(open + insideParens(rest, open).length + 2)}`;
  }
  return rest;
}

/** Why a skip condition could skip in CI, or undefined when it cannot. */
export function skipConditionProblem(expression: string, fileText: string): string | undefined {
  const trimmed = expression.trim();
  const declared = /^[A-Za-z_$][\w$]*$/.test(trimmed) ? new RegExp(`const ${trimmed}\\s*=\\s*([^;]+);`).exec(fileText)?.[1] : trimmed;
  if (declared === undefined) return `${trimmed} is not a const of this file`;
  const reduced = withoutRuleCalls(declared).replaceAll('?.(', '(');
  const calls = [...reduced.matchAll(/([A-Za-z_$][\w$.]*)\s*\(/g)].map((m) => m[1] ?? '');
  const others = calls.filter((name) => !CI_AWARE.includes(name));
  if (others.length > 0) return `${trimmed} calls ${others.join(', ')} outside skipReasonOrFail`;
  if (calls.length === 0 && !reduced.includes('RULE')) return `${trimmed} does not go through skipReasonOrFail or a helper that throws in CI`;
  return undefined;
}

describe('skipping tests', () => {
  const files = testFiles(TEST_ROOT);

  it('finds the test files', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('skips only through a condition that fails in CI', () => {
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const rel = path.relative(TEST_ROOT, file);
      for (const match of text.matchAll(/\b(?:it|test|describe)\.(skip|todo|only|runIf)\s*\(/g)) {
        problems.push(`${rel}: .${match[1]}( (use skipIf with skipReasonOrFail)`);
      }
      for (const match of text.matchAll(/\.skipIf\s*\(/g)) {
        const condition = insideParens(text, (match.index ?? 0) + match[0].length - 1);
        const problem = skipConditionProblem(condition, text);
        if (problem) problems.push(`${rel}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('tells a CI-proof condition from one that skips in CI', () => {
    expect(skipConditionProblem('mariadbSkipReason()', '')).toBeUndefined();
    expect(skipConditionProblem('r', "const r = skipReasonOrFail('tmux', await tmuxMissingReason());")).toBeUndefined();
    expect(skipConditionProblem('r', 'const r = mariadbSkipReason() ?? (await tmuxMissingReason());')).toMatch(/tmuxMissingReason/);
    expect(skipConditionProblem('asRoot', 'const asRoot = process.getuid?.() === 0;')).toMatch(/getuid/);
    expect(skipConditionProblem('!asRoot', '')).toMatch(/does not go through/);
  });
});
