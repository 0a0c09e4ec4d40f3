import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { flattenSections } from '../../src/config/flattenSections.js';
import { validateConfig } from '../../src/config/validateConfig.js';
import { STRATEGIES } from '../../src/restart/strategies/registry.js';

function validate(text: string) {
  return validateConfig(flattenSections(ini.parse(text)));
}

describe('validateConfig', () => {
  it('gives every documented default for an empty file', () => {
    const { config, problems } = validate('');
    expect(problems).toEqual([]);
    expect(config.warnings).toEqual([]);
    expect(config.database).toEqual({
      host: 'localhost',
      port: 3306,
      socket: '',
      user: 'root',
      password: '',
      password_file: '',
      database: 'v_process_monitor',
      connect_timeout: 10,
    });
    expect(config.monitor).toMatchObject({ check_interval: 300, max_restart_failures: 3, circuit_reset_time: 1800 });
    expect(config.logging).toMatchObject({ max_log_size: 5120, log_files_to_keep: 5, level: 'INFO' });
    expect(config.processDefaults).toEqual({});
    expect(config.processes).toEqual({});
  });

  it('accepts a list of database servers and the placement keys, and names a bad list', () => {
    const good = validate('[database]\nhost = db1,db2:3307\n[monitor]\nagent_group = web\ntake_unassigned = no\n');
    expect(good.problems).toEqual([]);
    expect(good.config.monitor).toMatchObject({ agent_group: 'web', take_unassigned: 'no' });
    expect(validate('').config.monitor).toMatchObject({ agent_group: '', take_unassigned: 'yes' });
    const bad = validate('[database]\nhost = db1,,db2\n[monitor]\ntake_unassigned = maybe\n');
    expect(bad.problems).toEqual([
      expect.objectContaining({ section: 'monitor', key: 'take_unassigned', value: 'maybe' }),
      expect.objectContaining({ section: 'database', key: 'host', value: 'db1,,db2', expected: expect.stringMatching(/none of them empty/) as unknown }),
    ]);
  });

  it('lists every problem at once with section, key, value and expectation', () => {
    const { problems } = validate(
      [
        '[database]',
        'port = 99999',
        '[monitor]',
        'check_interval = soon',
        'max_restart_failures = 0',
        '[logging]',
        'level = LOUD',
        '[process.default]',
        'restart_strategy = reboot',
        '[process.apache2]',
        'max_attempts = 2.5',
      ].join('\n'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { section: 'database', key: 'port', value: '99999', expected: 'a whole number from 1 to 65535' },
        { section: 'monitor', key: 'check_interval', value: 'soon', expected: 'a number from 0.1 to 86400' },
        { section: 'monitor', key: 'max_restart_failures', value: '0', expected: 'a whole number from 1 to 1000' },
        { section: 'logging', key: 'level', value: 'LOUD', expected: 'one of DEBUG, INFO, WARNING, ERROR' },
        { section: 'process.default', key: 'restart_strategy', value: 'reboot', expected: `one of ${STRATEGIES.choices.join(', ')}` },
        { section: 'process.apache2', key: 'max_attempts', value: '2.5', expected: 'a whole number from 1 to 100' },
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('takes service_dir as an absolute path, or nothing, and names a relative one', () => {
    expect(validate('[process.nginx]\nservice_dir = /var/lib/svc/\n').config.processes.nginx?.service_dir).toBe('/var/lib/svc/');
    expect(validate('[process.default]\nservice_dir =\n').problems).toEqual([]);
    expect(validate('[process.nginx]\nservice_dir = etc/service\n').problems).toEqual([
      { section: 'process.nginx', key: 'service_dir', value: 'etc/service', expected: 'an absolute path (starting with /), or nothing' },
    ]);
  });

  it('warns about unknown sections and keys, naming them', () => {
    const { config, problems } = validate('[databse]\nhost = x\n[monitor]\ncheck_intervall = 5\n[process.sshd]\nretries = 3\n');
    expect(problems).toEqual([]);
    expect(config.warnings).toHaveLength(3);
    expect(config.warnings.join('\n')).toContain('[databse]');
    expect(config.warnings.find((w) => w.includes('check_intervall'))).toContain('[monitor]');
    expect(config.warnings.find((w) => w.includes('retries'))).toContain('[process.sshd]');
    expect(config.monitor.check_interval).toBe(300);
  });

  it('warns about keys written before any section', () => {
    const { config } = validate('host = x\n[database]\n');
    expect(config.warnings.join('\n')).toContain('host');
  });

  it('reads [process.php-fpm7.4] as one process named php-fpm7.4', () => {
    const { config, problems } = validate('[process.php-fpm7.4]\nmax_attempts = 4\nrestart_strategy = SERVICE\n');
    expect(problems).toEqual([]);
    expect(config.processes).toEqual({ 'php-fpm7.4': { max_attempts: 4, restart_strategy: 'service' } });
  });

  it('keeps only the keys a process section sets (defaults are resolved later)', () => {
    const { config } = validate('[process.default]\nrestart_delay = 9\n[process.sshd]\nmax_attempts = 1\n');
    expect(config.processDefaults).toEqual({ restart_delay: 9 });
    expect(config.processes).toEqual({ sshd: { max_attempts: 1 } });
  });

  it('rejects a process section whose name could not be a process', () => {
    const { problems, config } = validate('[process.-rf]\nmax_attempts = 1\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ section: 'process.-rf', value: '-rf' });
    expect(config.processes).toEqual({});
  });

  it('requires start_command for restart_strategy = process', () => {
    const { problems } = validate('[process.worker]\nrestart_strategy = process\n');
    expect(problems).toEqual([expect.objectContaining({ section: 'process.worker', key: 'start_command', value: '' })]);
    expect(problems[0]?.expected).toContain('restart_strategy = process');
  });

  it('accepts restart_strategy = process with start_command, also when inherited from [process.default]', () => {
    expect(validate('[process.worker]\nrestart_strategy = process\nstart_command = /opt/w/bin/w\n').problems).toEqual([]);
    expect(validate('[process.default]\nstart_command = /usr/bin/start %s\n[process.worker]\nrestart_strategy = process\n').problems).toEqual([]);
  });

  it('names every process that inherits restart_strategy = process without start_command', () => {
    const { problems } = validate('[process.default]\nrestart_strategy = process\n[process.a]\nmax_attempts = 1\n');
    expect(problems.map((p) => `${p.section} ${p.key}`).sort()).toEqual(['process.a start_command', 'process.default start_command']);
  });

  it('requires restart_command for restart_strategy = command, naming section and key', () => {
    const { problems } = validate('[process.webapp]\nrestart_strategy = command\n');
    expect(problems).toEqual([
      {
        section: 'process.webapp',
        key: 'restart_command',
        value: '',
        expected: 'a command that restarts the process (restart_strategy = command needs one)',
      },
    ]);
    expect(validate('[process.webapp]\nrestart_strategy = command\nrestart_command = docker restart %s\n').problems).toEqual([]);
  });

  it('refuses password and password_file together', () => {
    const { problems } = validate('[database]\npassword = x\npassword_file = /run/pw\n');
    expect(problems).toEqual([expect.objectContaining({ section: 'database', key: 'password_file', value: '/run/pw' })]);
  });

  it('reports a key without a value', () => {
    const { problems } = validate('[database]\nhost\n');
    expect(problems).toEqual([expect.objectContaining({ section: 'database', key: 'host' })]);
  });

  it('never shows the password in a problem', () => {
    const { problems } = validate('[database]\npassword = "line\\nbreak-s3cret"\n');
    // Whatever is wrong with it, the value shown is not the secret.
    for (const p of problems) expect(JSON.stringify(p)).not.toContain('s3cret');
  });
});

describe('validateConfig: exact wording of problems and warnings', () => {
  it('lists the known keys of the section an unknown key is in', () => {
    const { config } = validate('[database]\nhots = x\n');
    expect(config.warnings[0]).toMatch(
      /^\[database\] hots: unknown key, ignored \(known keys: host, port, socket, user, password, password_file, database, connect_timeout/,
    );
  });

  it('shows a key without a value as "(no value)", expecting "key = value"', () => {
    const { problems } = validate('[database]\nhost\n');
    expect(problems).toEqual([{ section: 'database', key: 'host', value: '(no value)', expected: 'key = value' }]);
  });

  it('shows a secret that is wrong as ********', () => {
    const { problems } = validate('[database]\npassword = "line\\nbreak"\n');
    expect(problems).toEqual([{ section: 'database', key: 'password', value: '********', expected: 'a single line of text' }]);
  });

  it('names every key written before any section', () => {
    expect(validate('host = x\nport = 1\n[database]\n').config.warnings).toContain('keys outside any section are ignored: host, port');
  });

  it('says why a process section name is refused, with no key', () => {
    expect(validate('[process.-rf]\nmax_attempts = 1\n').problems).toEqual([
      { section: 'process.-rf', key: '', value: '-rf', expected: 'a valid process name (starts with "-" (would be read as an option))' },
    ]);
  });
});

describe('validateConfig: values ini turns into something other than text', () => {
  it('shows an array (key[] = …) as JSON', () => {
    expect(validate('[database]\nhost[] = a\n').problems).toEqual([{ section: 'database', key: 'host', value: '["a"]', expected: 'key = value' }]);
  });
});
