// Files that are not a configuration, through the built CLI: a binary, random bytes, a
// 50 MB file, a flood of unknown keys. Each is refused (78) or warned about in a bounded
// number of lines, quickly, and nothing from the file reaches the terminal raw.
import { randomBytes } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI } from '../support/agentProcess.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

const EX_CONFIG = 78;
// Any C0 control but newline, DEL, and C1: what must never be printed raw.
// eslint-disable-next-line no-control-regex -- the pattern exists to detect control characters
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('monitor-absurd-config-');
});
afterAll(() => removeTempDir(dir));

async function checkConfig(file: string) {
  const started = Date.now();
  const result = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', file], { reject: false, timeout: 60_000, all: true });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr, all: result.all ?? '', ms: Date.now() - started };
}

describe('--check-config on files that are not a configuration', () => {
  it('/bin/true: 78 naming the line, no raw control byte printed', async () => {
    const { code, stdout, all } = await checkConfig('/bin/true');
    expect(code).toBe(EX_CONFIG);
    expect(stdout).toBe('');
    expect(all).toMatch(/\[-\] line 1 = ".*": expected text \(UTF-8, no control characters\), found/);
    expect(all).not.toMatch(RAW_CONTROL);
  });

  it('random bytes: 78, no raw control byte printed', async () => {
    const file = path.join(dir, 'random.ini');
    writeFileSync(file, randomBytes(64 * 1024), { mode: 0o600 });
    const { code, all } = await checkConfig(file);
    expect(code).toBe(EX_CONFIG);
    expect(all).toMatch(/expected text \(UTF-8, no control characters\)/);
    expect(all).not.toMatch(RAW_CONTROL);
  });

  it('a file name with an escape sequence in it is printed escaped', async () => {
    const file = path.join(dir, 'evil\u001b[2J\u0007.ini');
    writeFileSync(file, '[monitor]\ncheck_interval = soon\n', { mode: 0o600 });
    const { code, all } = await checkConfig(file);
    expect(code).toBe(EX_CONFIG);
    expect(all).toContain('evil\\u001b[2J\\u0007.ini');
    expect(all).not.toMatch(RAW_CONTROL);
  });

  it('a 50 MB file of unknown keys: 78 at once, without reading it all', async () => {
    const file = path.join(dir, 'huge.ini');
    const out = createWriteStream(file, { mode: 0o600 });
    const chunk = `[monitor]\n${Array.from({ length: 20_000 }, (_, i) => `unknown_key_${i} = ${i}`).join('\n')}\n`;
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const { code, stdout, stderr, ms } = await checkConfig(file);
    expect(code).toBe(EX_CONFIG);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/expected a configuration file of at most 1048576 bytes \(1 MiB\); this one is larger/);
    expect(stderr.split('\n').length).toBeLessThan(5);
    // It took 35 s and 2.4 GB before; now a fraction of a second (generous bound for a busy machine).
    expect(ms).toBeLessThan(10_000);
    console.log(`[reliability] 50 MB config: exit ${code} after ${ms} ms`);
  });

  it('10,000 unknown keys under the limit: a bounded number of warning lines and a count', async () => {
    const file = path.join(dir, 'many.ini');
    const keys = Array.from({ length: 10_000 }, (_, i) => `unknown_${i} = ${i}`).join('\n');
    writeFileSync(file, `[monitor]\n${keys}\n`, { mode: 0o600 });
    const { code, stdout, stderr } = await checkConfig(file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/; configuration OK/);
    const warnings = stderr.split('\n').filter((line) => line.includes('warning:'));
    expect(warnings.length).toBeLessThanOrEqual(11);
    expect(warnings).toContain('monitor_service: warning: … and 9,990 more unknown keys');
  });
});
