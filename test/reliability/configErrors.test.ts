// Broken configuration, through the built CLI as an administrator runs it:
// `monitor_service --check-config --config F`. Unknown names are warnings (exit 0);
// invalid values are errors, every one of them listed in one go, exit 78 (EX_CONFIG).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI } from '../support/agentProcess.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { STRATEGIES } from '../../src/restart/strategies/registry.js';

const EX_CONFIG = 78;

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('monitor-config-errors-');
});
afterAll(() => removeTempDir(dir));

async function checkConfig(name: string, text: string): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  const file = path.join(dir, name);
  writeFileSync(file, text, { mode: 0o600 });
  const result = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', file], { reject: false, timeout: 20_000 });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

describe('--check-config on broken configuration', () => {
  it('warns about unknown sections and keys by name, and still exits 0', async () => {
    const { code, stdout, stderr } = await checkConfig(
      'unknown.ini',
      [
        'stray = 1',
        '[database]',
        'socket = /run/mysqld/mysqld.sock',
        '[monitor]',
        'check_interval = 5',
        'chek_interval = 6',
        '[mystery]',
        'x = 1',
        '[process.web]',
        'restart_strategy = process',
        'start_command = /usr/sbin/web --daemon',
        'colour = blue',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/; configuration OK/);
    expect(stderr).toMatch(/warning: keys outside any section are ignored: stray/);
    expect(stderr).toMatch(/warning: \[monitor\] chek_interval: unknown key, ignored/);
    expect(stderr).toMatch(/warning: \[mystery\]: unknown section, ignored/);
    expect(stderr).toMatch(/warning: \[process\.web\] colour: unknown key, ignored/);
  });

  it('lists every invalid value at once and exits 78', async () => {
    const { code, stdout, stderr } = await checkConfig(
      'broken.ini',
      [
        '[database]',
        'port = abc',
        'connect_timeout = -5',
        '[monitor]',
        'check_interval = -1',
        'max_parallel_restarts = 99999999',
        'max_restart_failures = 2.5',
        'circuit_reset_time = 1e99',
        '[logging]',
        'level = LOUD',
        'max_log_size = 0',
        '[process.default]',
        'restart_strategy = sometimes',
        'health_check_timeout = 999999999',
        '[process.web]',
        'restart_strategy = process',
        'max_attempts',
        '[process.$(reboot)]',
        'restart_strategy = service',
        '',
      ].join('\n'),
    );
    expect(code).toBe(EX_CONFIG);
    expect(stdout).toBe('');
    const expected: RegExp[] = [
      /\[database\] port = "abc": expected a whole number from 1 to 65535/,
      /\[database\] connect_timeout = "-5": expected a number from 1 to 300/,
      /\[monitor\] check_interval = "-1": expected a number from 0\.1 to 86400/,
      /\[monitor\] max_parallel_restarts = "99999999": expected a whole number from 1 to 1000/,
      /\[monitor\] max_restart_failures = "2\.5": expected a whole number/,
      /\[monitor\] circuit_reset_time = "1e99": expected a number/,
      /\[logging\] level = "LOUD": expected one of DEBUG, INFO, WARNING, ERROR/,
      /\[logging\] max_log_size = "0": expected a whole number from 1/,
      new RegExp(`\\[process\\.default\\] restart_strategy = "sometimes": expected one of ${STRATEGIES.choices.join(', ')}`),
      /\[process\.default\] health_check_timeout = "999999999": expected a number from 0\.1 to 3600/,
      /\[process\.web\] max_attempts = "\(no value\)": expected key = value/,
      /\[process\.web\] start_command = "": expected a command that starts the process \(restart_strategy = process needs one\)/,
      /\[process\.\$\(reboot\)\] = "\$\(reboot\)": expected a valid process name/,
    ];
    for (const pattern of expected) expect(stderr).toMatch(pattern);
    expect(stderr).toMatch(new RegExp(`Invalid configuration in .*broken\\.ini \\(${expected.length} problems\\)`));
  });

  it('process strategy without start_command, in [process.default] too, is a config error', async () => {
    const { code, stderr } = await checkConfig('nostart.ini', '[process.default]\nrestart_strategy = process\n');
    expect(code).toBe(EX_CONFIG);
    expect(stderr).toMatch(/\[process\.default\] start_command = "": expected a command that starts the process/);
  });

  it('true, false and null are commands like any other, not INI booleans; a bare key has no value', async () => {
    const { code, stdout, stderr } = await checkConfig(
      'words.ini',
      '[monitor]\nagent_id = null ; a comment\n[process.default]\nrestart_strategy = process\nstart_command = true\nhealth_check_command = "false"\npre_restart_command = null\n',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^start_command = true$/m);
    expect(stdout).toMatch(/^health_check_command = false$/m);
    expect(stdout).toMatch(/^pre_restart_command = null$/m);
    expect(stdout).toMatch(/^agent_id = null$/m);
    const bare = await checkConfig('bare.ini', '[process.default]\nrestart_strategy = process\nstart_command\n');
    expect(bare.code).toBe(EX_CONFIG);
    expect(bare.stderr).toMatch(/\[process\.default\] start_command = "\(no value\)": expected key = value/);
  });

  it('a missing or unreadable file is a config error naming it', async () => {
    const missing = path.join(dir, 'absent.ini');
    const result = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', missing], { reject: false });
    expect(result.exitCode).toBe(EX_CONFIG);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).toMatch(/ENOENT/);
  });

  it('the agent itself refuses to start on an invalid file, with the same list', async () => {
    const file = path.join(dir, 'run-broken.ini');
    writeFileSync(file, '[monitor]\ncheck_interval = soon\n[process.default]\nrestart_strategy = never\n', { mode: 0o600 });
    const result = await execa(process.execPath, [AGENT_CLI, '--config', file], { reject: false, timeout: 20_000 });
    expect(result.exitCode).toBe(EX_CONFIG);
    expect(result.stderr).toMatch(/\[monitor\] check_interval = "soon"/);
    expect(result.stderr).toMatch(/\[process\.default\] restart_strategy = "never"/);
  });
});
