import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/ConfigError.js';
import { MAX_CONFIG_BYTES } from '../../src/config/readConfigBytes.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { resolveProcessSettings } from '../../src/config/resolveProcessSettings.js';
import type { Config } from '../../src/config/types.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('monitor-config-');
});
afterEach(async () => {
  await removeTempDir(dir);
});

/** Writes config.ini (mode 600 unless told) in the test's directory. */
function writeConfig(text: string, mode = 0o600, name = 'config.ini'): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function loadProblems(file: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    loadConfig(file, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig accepted an invalid file');
}

function resolved(config: Config, name: string) {
  return resolveProcessSettings(config.processDefaults, config.processes[name]);
}

// The user guide's configuration blocks, copied verbatim (seeds/003, "Configuration").
const GUIDE_DATABASE = `[database]
host = localhost
user = root
password = your_password
database = v_process_monitor
`;
const GUIDE_MONITOR = `[monitor]
; Check interval in seconds (5 minutes)
check_interval = 300
; Maximum number of restart failures before circuit breaker opens
max_restart_failures = 3
; Circuit breaker reset time in seconds (30 minutes)
circuit_reset_time = 1800
`;
const GUIDE_LOGGING = `[logging]
; Maximum log file size in KB before rotation (default: 5MB)
max_log_size = 5120
; Number of log files to keep (default: 5)
log_files_to_keep = 5
`;
const GUIDE_APACHE_BASIC = `[process.apache2]
restart_strategy = service
pre_restart_command = /usr/sbin/apachectl configtest
health_check_command = systemctl is-active apache2
health_check_timeout = 10
restart_delay = 5
max_attempts = 2
`;
const GUIDE_DEFAULT = `[process.default]
restart_strategy = auto
health_check_command = pgrep %s
health_check_timeout = 5
restart_delay = 2
max_attempts = 2
`;
const GUIDE_APACHE_WEB = `[process.apache2]
restart_strategy = service
pre_restart_command = /usr/sbin/apachectl configtest
health_check_command = curl -s http://localhost/ > /dev/null
health_check_timeout = 15
restart_delay = 5
max_attempts = 3
`;
const GUIDE_MYSQLD = `[process.mysqld]
restart_strategy = service
health_check_command = mysqladmin -u root -p'password' ping
health_check_timeout = 30
restart_delay = 10
max_attempts = 2
`;
const GUIDE_NEW_PROCESS = `[process.new_process_name]
restart_strategy = service
health_check_command = systemctl is-active new_process_name
health_check_timeout = 10
restart_delay = 5
max_attempts = 2
`;
const GUIDE_FAQ_MONITOR = `[monitor]
check_interval = 300  # 5 minutes
`;

describe("loadConfig: the user guide's own configuration", () => {
  it("loads the guide's blocks without problems or warnings and resolves to the guide's values", () => {
    const file = writeConfig([GUIDE_DATABASE, GUIDE_MONITOR, GUIDE_LOGGING, GUIDE_DEFAULT, GUIDE_APACHE_WEB, GUIDE_MYSQLD].join('\n'));
    const config = loadConfig(file, {});
    expect(config.warnings).toEqual([]);
    expect(config.file).toBe(file);
    expect(config.database).toMatchObject({ host: 'localhost', user: 'root', password: 'your_password', database: 'v_process_monitor' });
    expect(config.monitor).toMatchObject({ check_interval: 300, max_restart_failures: 3, circuit_reset_time: 1800 });
    expect(config.logging).toMatchObject({ max_log_size: 5120, log_files_to_keep: 5 });
    expect(resolved(config, 'apache2')).toMatchObject({
      restart_strategy: 'service',
      pre_restart_command: '/usr/sbin/apachectl configtest',
      health_check_command: 'curl -s http://localhost/ > /dev/null',
      health_check_timeout: 15,
      restart_delay: 5,
      max_attempts: 3,
    });
    expect(resolved(config, 'mysqld')).toMatchObject({
      restart_strategy: 'service',
      pre_restart_command: '',
      health_check_command: "mysqladmin -u root -p'password' ping",
      health_check_timeout: 30,
      restart_delay: 10,
      max_attempts: 2,
    });
    // A process without a section gets [process.default], i.e. the guide's table of defaults.
    expect(resolved(config, 'sshd')).toMatchObject({
      restart_strategy: 'auto',
      pre_restart_command: '',
      health_check_command: 'pgrep %s',
      health_check_timeout: 5,
      restart_delay: 2,
      max_attempts: 2,
    });
  });

  it('loads the guide\'s process-specific and "add a process" blocks', () => {
    const config = loadConfig(writeConfig([GUIDE_APACHE_BASIC, GUIDE_NEW_PROCESS].join('\n')), {});
    expect(config.warnings).toEqual([]);
    expect(resolved(config, 'apache2')).toMatchObject({
      restart_strategy: 'service',
      pre_restart_command: '/usr/sbin/apachectl configtest',
      health_check_command: 'systemctl is-active apache2',
      health_check_timeout: 10,
      restart_delay: 5,
      max_attempts: 2,
    });
    expect(resolved(config, 'new_process_name')).toMatchObject({
      restart_strategy: 'service',
      health_check_command: 'systemctl is-active new_process_name',
      health_check_timeout: 10,
    });
  });

  it('reads the FAQ\'s "check_interval = 300  # 5 minutes" as 300, without a warning', () => {
    const config = loadConfig(writeConfig(GUIDE_FAQ_MONITOR), {});
    expect(config.monitor.check_interval).toBe(300);
    expect(config.warnings).toEqual([]);
  });

  it('loads config.ini.example from the repository root without problems', () => {
    const example = path.join(REPO_ROOT, 'config.ini.example');
    if (!existsSync(example)) return;
    // Who owns the checkout is not what this test is about (the tests may run as root in a user's checkout).
    const config = loadConfig(example, {}, { untrustedPath: () => undefined });
    // The example holds no password, so its mode does not matter.
    expect(config.warnings).toEqual([]);
    expect(config.database.password).toBe('');
    expect(resolved(config, 'anything')).toMatchObject({ restart_strategy: 'auto', health_check_command: 'pgrep %s' });
  });
});

describe('loadConfig: problems', () => {
  it('lists every problem at once, each with section, key, value and expectation', () => {
    const file = writeConfig(
      '[database]\nport = http\n[monitor]\ncircuit_reset_time = -1\n[logging]\nlog_files_to_keep = 0\n[process.worker]\nrestart_strategy = process\n',
    );
    const error = loadProblems(file);
    expect(error.file).toBe(file);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { section: 'database', key: 'port', value: 'http', expected: 'a whole number from 1 to 65535' },
        { section: 'monitor', key: 'circuit_reset_time', value: '-1', expected: 'a number from 0 to 31536000' },
        { section: 'logging', key: 'log_files_to_keep', value: '0', expected: 'a whole number from 1 to 1000' },
        expect.objectContaining({ section: 'process.worker', key: 'start_command', value: '' }),
      ]),
    );
    expect(error.problems).toHaveLength(4);
    expect(error.message).toContain('4 problems');
    expect(error.message).toContain('[database] port = "http": expected a whole number from 1 to 65535');
    expect(error.message).toContain('[monitor] circuit_reset_time');
    expect(error.message).toContain('[logging] log_files_to_keep');
    expect(error.message).toContain('[process.worker] start_command');
  });

  it('reports an unreadable password_file together with the other problems', () => {
    const error = loadProblems(writeConfig('[database]\nport = 0\npassword_file = /nonexistent/db-password\n'));
    expect(error.problems.map((p) => `${p.section} ${p.key}`).sort()).toEqual(['database password_file', 'database port']);
  });

  it('reports a missing config file as a ConfigError naming it', () => {
    const missing = path.join(dir, 'nope.ini');
    const error = loadProblems(missing);
    expect(error.message).toContain(missing);
    expect(error.message).toContain('ENOENT');
  });

  it('never puts the password in the error', () => {
    const error = loadProblems(writeConfig('[database]\npassword = "s3cret\\nline"\nport = 0\n'));
    expect(error.message).not.toContain('s3cret');
    expect(JSON.stringify(error.problems)).not.toContain('s3cret');
  });

  it('reports restart_strategy = process without start_command', () => {
    const error = loadProblems(writeConfig('[process.myworker]\nrestart_strategy = process\nhealth_check_command = pgrep -x -- %s\n'));
    expect(error.problems).toEqual([expect.objectContaining({ section: 'process.myworker', key: 'start_command' })]);
  });
});

describe('loadConfig: values ini would turn into JSON', () => {
  // `true` and `false` are real commands (and plausible passwords / agent ids);
  // ini turns the words true/false/null into JSON values.
  it.each([
    ['process.x', 'health_check_command', 'true'],
    ['process.x', 'pre_restart_command', 'false'],
    ['monitor', 'agent_id', 'null'],
    ['database', 'password', 'true'],
    ['process.x', 'start_command', '"true"'],
  ])('keeps [%s] %s = %s as text', (section, key, written) => {
    const config = loadConfig(writeConfig(`[${section}]\n${key} = ${written}\n`), {});
    const value = written.replace(/"/g, '');
    const values: Readonly<Record<string, unknown>> =
      section === 'process.x' ? (config.processes.x ?? {}) : section === 'monitor' ? config.monitor : config.database;
    expect(values[key]).toBe(value);
  });

  it('still reports a key written without "= value"', () => {
    const error = loadProblems(writeConfig('[process.x]\nhealth_check_command\n'));
    expect(error.problems).toEqual([expect.objectContaining({ section: 'process.x', key: 'health_check_command' })]);
  });
});

describe('loadConfig: warnings', () => {
  it('names an unknown section and an unknown key', () => {
    const config = loadConfig(writeConfig('[monitr]\ncheck_interval = 5\n[logging]\nlog_size = 10\n'), {});
    expect(config.warnings).toHaveLength(2);
    expect(config.warnings.find((w) => w.includes('[monitr]'))).toBeDefined();
    expect(config.warnings.find((w) => w.includes('log_size'))).toContain('[logging]');
  });

  it('reads [process.php-fpm7.4] as one section', () => {
    const config = loadConfig(writeConfig('[process.php-fpm7.4]\nrestart_strategy = service\nmax_attempts = 5\n'), {});
    expect(config.warnings).toEqual([]);
    expect(Object.keys(config.processes)).toEqual(['php-fpm7.4']);
    expect(resolved(config, 'php-fpm7.4')).toMatchObject({ restart_strategy: 'service', max_attempts: 5 });
  });

  it('warns when an unquoted password holds # (ini cuts it), naming section and key', () => {
    const config = loadConfig(writeConfig('[database]\npassword = abc#123\n'), {});
    const warning = config.warnings.find((w) => w.includes('[database] password'));
    expect(warning).toBeDefined();
    expect(warning).toContain('"');
    // The warning itself must not print the password either.
    for (const w of config.warnings) expect(w).not.toContain('abc#123');
  });

  it('keeps ; and # of a quoted password, without a warning', () => {
    const config = loadConfig(writeConfig('[database]\npassword = "p;a#ss"\n'), {});
    expect(config.database.password).toBe('p;a#ss');
    expect(config.warnings).toEqual([]);
  });

  it('warns when a config file holding the password is readable by others (644), not when 600', () => {
    const open = loadConfig(writeConfig('[database]\npassword = pw\n', 0o644, 'open.ini'), {});
    expect(open.warnings).toHaveLength(1);
    expect(open.warnings[0]).toContain('open.ini');
    expect(open.warnings[0]).toContain('644');
    expect(open.warnings[0]).not.toContain('pw\n');
    const closed = loadConfig(writeConfig('[database]\npassword = pw\n', 0o600, 'closed.ini'), {});
    expect(closed.warnings).toEqual([]);
  });
});

describe('loadConfig: password_file', () => {
  function writeSecret(file: string, text: string, mode = 0o600): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    chmodSync(file, mode);
  }

  it('reads the first line of an absolute password_file', () => {
    const secret = path.join(dir, 'secrets', 'db');
    writeSecret(secret, 'file-pass;#1\nsecond line\n');
    const config = loadConfig(writeConfig(`[database]\npassword_file = ${secret}\n`), {});
    expect(config.database.password).toBe('file-pass;#1');
    expect(config.warnings).toEqual([]);
  });

  it('looks a relative password_file up in $CREDENTIALS_DIRECTORY', () => {
    const credentials = path.join(dir, 'credentials');
    writeSecret(path.join(credentials, 'db-password'), 'cred-pass\r\n');
    const config = loadConfig(writeConfig('[database]\npassword_file = db-password\n'), { CREDENTIALS_DIRECTORY: credentials });
    expect(config.database.password).toBe('cred-pass');
    expect(config.warnings).toEqual([]);
  });

  it('reports a missing relative password_file, as a problem of [database] password_file', () => {
    const error = loadProblems(writeConfig('[database]\npassword_file = no-such-credential\n'), { CREDENTIALS_DIRECTORY: dir });
    expect(error.problems).toEqual([expect.objectContaining({ section: 'database', key: 'password_file', value: 'no-such-credential' })]);
  });

  it('warns when password_file is mode 644, not when 600', () => {
    const open = path.join(dir, 'open-secret');
    writeSecret(open, 'x\n', 0o644);
    const warned = loadConfig(writeConfig(`[database]\npassword_file = ${open}\n`), {});
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings[0]).toContain(open);
    const closed = path.join(dir, 'closed-secret');
    writeSecret(closed, 'x\n', 0o600);
    expect(loadConfig(writeConfig(`[database]\npassword_file = ${closed}\n`), {}).warnings).toEqual([]);
  });

  it('does not warn about a 644 config.ini when the password lives in password_file', () => {
    const secret = path.join(dir, 'secret');
    writeSecret(secret, 'x\n');
    const config = loadConfig(writeConfig(`[database]\npassword_file = ${secret}\n`, 0o644), {});
    expect(config.warnings).toEqual([]);
  });
});

describe('loadConfig: files someone other than root could change (the tests run as root)', () => {
  const NOBODY = 65534;

  it('refuses a config file writable by others, as a problem of [-] naming file, owner and mode', () => {
    const file = writeConfig('[process.default]\npre_restart_command = touch /tmp/x\n', 0o666);
    const error = loadProblems(file);
    expect(error.problems).toEqual([expect.objectContaining({ section: '-', key: '', value: file })]);
    expect(error.message).toContain(`${file} is owned by root but writable by group or others (mode 0666)`);
  });

  it('refuses a config file owned by another user', () => {
    const file = writeConfig('[monitor]\ncheck_interval = 5\n');
    chownSync(file, NOBODY, NOBODY);
    expect(loadProblems(file).message).toContain(`${file} is owned by uid 65534, not root (mode 0600)`);
  });

  it('refuses a config file in a directory others can write', () => {
    mkdirSync(path.join(dir, 'open'), { mode: 0o777 });
    chmodSync(path.join(dir, 'open'), 0o777);
    const error = loadProblems(writeConfig('[monitor]\ncheck_interval = 5\n', 0o600, 'open/config.ini'));
    expect(error.message).toMatch(/its directory .*open is owned by root but writable by group or others \(mode 0777/);
  });

  it('refuses a password_file in a directory others can write, as a problem of [database] password_file', () => {
    const secrets = path.join(dir, 'secrets');
    mkdirSync(secrets);
    chmodSync(secrets, 0o777);
    const secret = path.join(secrets, 'db');
    writeFileSync(secret, 'pw\n', { mode: 0o600 });
    const error = loadProblems(writeConfig(`[database]\npassword_file = ${secret}\n`));
    expect(error.problems).toEqual([expect.objectContaining({ section: 'database', key: 'password_file', value: secret })]);
    expect(error.message).toMatch(
      /\[database\] password_file = ".*": expected a file that only root can change.*its directory .*secrets is owned by root but writable by group or others \(mode 0777/,
    );
  });

  it('judges nothing when told so (not running as root)', () => {
    const file = writeConfig('[monitor]\ncheck_interval = 5\n', 0o666);
    expect(loadConfig(file, {}, { untrustedPath: () => undefined }).monitor.check_interval).toBe(5);
  });
});

describe('loadConfig: files that are not a configuration', () => {
  // Any C0 control but newline, DEL, and C1: what must never be printed raw.
  // eslint-disable-next-line no-control-regex -- the pattern exists to detect control characters
  const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it('refuses a binary (/bin/true), naming the line, with every control character escaped', () => {
    const error = loadProblems('/bin/true');
    expect(error.problems).toEqual([expect.objectContaining({ section: '-', key: 'line 1' })]);
    expect(error.message).toMatch(/expected text \(UTF-8, no control characters\), found (control character U\+007F|bytes that are not UTF-8)/);
    expect(error.message).not.toMatch(RAW_CONTROL);
  });

  it('refuses random bytes, and prints none of them raw', () => {
    const error = loadProblems(writeConfig(randomBytes(4096).toString('latin1')));
    expect(error.problems).toHaveLength(1);
    expect(error.message).not.toMatch(RAW_CONTROL);
  });

  it('refuses a file larger than the limit without parsing it; a file of exactly the limit loads', () => {
    const line = '; a comment line of a config file, 50 bytes long.\n';
    const atLimit = `[monitor]\ncheck_interval = 5\n${line.repeat(Math.floor((MAX_CONFIG_BYTES - 28) / line.length))}`;
    const padded = atLimit + ';'.repeat(MAX_CONFIG_BYTES - Buffer.byteLength(atLimit));
    expect(Buffer.byteLength(padded)).toBe(MAX_CONFIG_BYTES);
    expect(loadConfig(writeConfig(padded, 0o600, 'at-limit.ini'), {}).monitor.check_interval).toBe(5);
    const error = loadProblems(writeConfig(`${padded};`, 0o600, 'over.ini'));
    expect(error.problems).toEqual([expect.objectContaining({ section: '-', expected: expect.stringContaining('at most 1048576 bytes (1 MiB)') as unknown })]);
  });

  it('names the first few of 10,000 unknown keys and counts the rest', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `unknown_${i} = ${i}`).join('\n');
    const config = loadConfig(writeConfig(`[monitor]\n${keys}\n`), {});
    expect(config.warnings.length).toBeLessThanOrEqual(11);
    expect(config.warnings).toContain('… and 9,990 more unknown keys');
    expect(config.warnings[0]).toMatch(/\[monitor\] unknown_0: unknown key, ignored/);
  });

  it('counts a flood of keys outside any section instead of listing them all', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `stray_${i} = 1`).join('\n');
    const config = loadConfig(writeConfig(`${keys}\n[monitor]\ncheck_interval = 5\n`), {});
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toMatch(/stray_9 … and 490 more$/);
  });
});

describe('loadConfig: commands ini would cut', () => {
  it('refuses a command cut at ";" (showing the quoted form) and keeps the password warning', () => {
    const error = loadProblems(writeConfig('[database]\npassword = abc#123\n[process.web]\npre_restart_command = echo broken >&2; exit 1\n'));
    expect(error.problems).toEqual([expect.objectContaining({ section: 'process.web', key: 'pre_restart_command', value: 'echo broken >&2' })]);
    expect(error.message).toContain('pre_restart_command = "echo broken >&2; exit 1"');
    expect(error.warnings).toEqual([expect.stringContaining('[database] password: the text after ";" or "#" was read as a comment')]);
  });

  it('loads the double-quoted form as the whole command', () => {
    const config = loadConfig(writeConfig('[process.web]\npre_restart_command = "echo broken >&2; exit 1"\n'), {});
    expect(config.processes.web?.pre_restart_command).toBe('echo broken >&2; exit 1');
    expect(config.warnings).toEqual([]);
  });
});

describe('loadConfig: exact wording and the password sources', () => {
  it('names a missing file with the errno code only', () => {
    const missing = path.join(dir, 'nope.ini');
    expect(loadProblems(missing).problems).toEqual([{ section: '-', key: '', value: missing, expected: 'a readable configuration file (ENOENT)' }]);
  });

  it('with both password and password_file, reports that once and does not try to read the file', () => {
    const error = loadProblems(writeConfig('[database]\npassword = x\npassword_file = /nonexistent/db-password\n'));
    expect(error.problems).toEqual([
      { section: 'database', key: 'password_file', value: '/nonexistent/db-password', expected: 'either password or password_file, not both' },
    ]);
  });

  it('says why a password_file cannot be read', () => {
    const error = loadProblems(writeConfig('[database]\npassword_file = no-such-credential\n'), { CREDENTIALS_DIRECTORY: '/nonexistent-credentials' });
    expect(error.problems[0]?.expected).toBe('a readable file: cannot read password_file no-such-credential (looked in $CREDENTIALS_DIRECTORY too)');
    const absolute = loadProblems(writeConfig('[database]\npassword_file = /nonexistent/pw\n'));
    expect(absolute.problems[0]?.expected).toBe('a readable file: cannot read password_file /nonexistent/pw');
  });

  it('reads an absolute password_file as given, even when $CREDENTIALS_DIRECTORY is set', () => {
    const absolute = path.join(dir, 'pw');
    writeFileSync(absolute, 'from-absolute\n', { mode: 0o600 });
    // The same path below $CREDENTIALS_DIRECTORY must not be used instead.
    const credentials = path.join(dir, 'credentials');
    mkdirSync(path.join(credentials, dir), { recursive: true });
    writeFileSync(path.join(credentials, absolute), 'from-credentials\n', { mode: 0o600 });
    const config = loadConfig(writeConfig(`[database]\npassword_file = ${absolute}\n`), { CREDENTIALS_DIRECTORY: credentials });
    expect(config.database.password).toBe('from-absolute');
  });

  it('shows a mode below 0100 with its leading zero', () => {
    const file = writeConfig('[database]\npassword = x\n', 0o044);
    expect(loadConfig(file, {}).warnings.join('\n')).toContain('(mode 044)');
  });

  it('keeps a word value followed by a comment as text, and \\# escapes as ini reads them', () => {
    const config = loadConfig(writeConfig('[database]\npassword = ab\\#cd\n[monitor]\nagent_id = true ; it is a name\n'), {});
    expect(config.database.password).toBe('ab#cd');
    expect(config.monitor.agent_id).toBe('true');
  });

  it('does not mistake a value ending in a quote for a quoted one', () => {
    const config = loadConfig(writeConfig('[database]\npassword = run#1\'\n[monitor]\nagent_id = check#2"\n'), {});
    expect(config.warnings.join('\n')).toContain('[database] password: the text after ";" or "#" was read as a comment');
    expect(config.warnings.join('\n')).toContain('[monitor] agent_id: the text after ";" or "#" was read as a comment');
  });
});
