// test-alarm(8) and simple-test(8): clean for mandoc, and naming every
// command and option the programs' own --help lists, so the pages cannot
// fall behind the code.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../cli/runCli.js';
import { inCI } from '../support/skipRule.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGES = { 'test-alarm': CLI.testAlarm, 'simple-test': CLI.simpleTest } as const;

const probe = spawnSync('mandoc', ['-T', 'lint'], { input: '', encoding: 'utf8' });
const mandocMissing = probe.error !== undefined && 'code' in probe.error && probe.error.code === 'ENOENT';

/** Long options and command names a --help screen lists. */
function namesInHelp(help: string): string[] {
  const options = [...help.matchAll(/(--[a-z-]+)/g)].map((m) => m[1]!).filter((o) => o !== '--help');
  const commands = [...help.replace(/^[\s\S]*?Commands:\n/, '').matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  return [...new Set([...options, ...(help.includes('Commands:') ? commands : [])])];
}

describe.each(Object.entries(PAGES))('man page %s(8)', (name, script) => {
  const file = path.join(REPO_ROOT, 'man', `${name}.8`);
  const text = readFileSync(file, 'utf8').replace(/\\-/g, '-');

  it('names every command and option of --help', async () => {
    const help = await runCli(script, ['--help']);
    const names = namesInHelp(help.stdout);
    expect(names.length).toBeGreaterThan(1);
    expect(names.filter((n) => !text.includes(n))).toEqual([]);
  });

  it.skipIf(mandocMissing && !inCI())('passes mandoc -T lint', () => {
    if (mandocMissing) throw new Error('mandoc is required in CI (CI=true): apt-get install mandoc');
    const lint = spawnSync('mandoc', ['-T', 'lint', file], { encoding: 'utf8' });
    expect(`${lint.stdout}${lint.stderr}`).toBe('');
  });
});
