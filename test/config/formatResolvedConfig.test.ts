import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { flattenSections } from '../../src/config/flattenSections.js';
import { formatResolvedConfig } from '../../src/config/formatResolvedConfig.js';
import type { Config } from '../../src/config/types.js';
import { validateConfig } from '../../src/config/validateConfig.js';

function configOf(text: string): Config {
  const { config, problems } = validateConfig(flattenSections(ini.parse(text)));
  expect(problems).toEqual([]);
  return { file: '/etc/test.ini', ...config };
}

function sectionOf(output: string, name: string): Record<string, string> {
  return (flattenSections(ini.parse(output))[name] ?? {}) as Record<string, string>;
}

describe('formatResolvedConfig', () => {
  it('shows the password as ******** and never the real one', () => {
    const config = configOf('[database]\npassword = "Tr0ub4dor&3;#x"\n');
    expect(config.database.password).toBe('Tr0ub4dor&3;#x');
    const output = formatResolvedConfig(config);
    expect(output).toContain('password = ********');
    expect(output).not.toContain('Tr0ub4dor');
  });

  it("shows a webhook URL's scheme and host, never its path (the token)", () => {
    const output = formatResolvedConfig(configOf('[notify]\nwebhook_url = https://hooks.slack.com/services/T000/B000/XXXXSECRET\n'));
    expect(output).toContain('webhook_url = https://hooks.slack.com/********');
    expect(output).not.toContain('XXXXSECRET');
  });

  it('hides a password read from password_file too', () => {
    const config = configOf('[database]\npassword_file = /run/credentials/db\n');
    config.database.password = 'from-the-file-xyz';
    const output = formatResolvedConfig(config);
    expect(output).not.toContain('from-the-file-xyz');
    expect(output).toContain('password_file = /run/credentials/db');
  });

  it('prints every fixed section with resolved values, as INI that parses back', () => {
    const output = formatResolvedConfig(configOf('[monitor]\ncheck_interval = 60\n[logging]\nlevel = debug\n'));
    expect(output.startsWith('; resolved settings from /etc/test.ini\n')).toBe(true);
    expect(sectionOf(output, 'monitor')).toMatchObject({ check_interval: '60', max_restart_failures: '3', circuit_reset_time: '1800' });
    expect(sectionOf(output, 'logging')).toMatchObject({ level: 'DEBUG', max_log_size: '5120', log_files_to_keep: '5' });
    expect(sectionOf(output, 'database')).toMatchObject({ host: 'localhost', port: '3306', database: 'v_process_monitor', password: '' });
  });

  it('prints [process.default] and each process fully resolved', () => {
    const output = formatResolvedConfig(
      configOf('[process.default]\nrestart_delay = 9\n[process.php-fpm7.4]\nmax_attempts = 4\n[process.apache2]\nrestart_strategy = service\n'),
    );
    expect(sectionOf(output, 'process.default')).toMatchObject({ restart_delay: '9', max_attempts: '2', health_check_command: 'pgrep %s' });
    expect(sectionOf(output, 'process.php-fpm7.4')).toMatchObject({ restart_delay: '9', max_attempts: '4', restart_strategy: 'auto' });
    expect(sectionOf(output, 'process.apache2')).toMatchObject({ restart_delay: '9', restart_strategy: 'service' });
    // sorted by name after default
    expect(output.indexOf('[process.default]')).toBeLessThan(output.indexOf('[process.apache2]'));
    expect(output.indexOf('[process.apache2]')).toBeLessThan(output.indexOf('[process.php-fpm7.4]'));
  });
});

describe('formatResolvedConfig: layout', () => {
  it('starts with the file, puts a blank line before each section and ends with a newline', () => {
    const output = formatResolvedConfig(configOf('[process.sshd]\nmax_attempts = 1\n'));
    expect(output.startsWith('; resolved settings from /etc/test.ini\n\n[database]\nhost = localhost\n')).toBe(true);
    expect(output).toContain('\n\n[monitor]\n');
    expect(output).toContain('\n\n[process.default]\nrestart_strategy = auto\n');
    expect(output).toContain('\n\n[process.sshd]\n');
    expect(output.endsWith('\n')).toBe(true);
    expect(output.endsWith('\n\n')).toBe(false);
    expect(output.split('\n').filter((line) => line === '')).toHaveLength(2 + 6 + 1); // 6 fixed + 2 process sections, the end
  });
});
