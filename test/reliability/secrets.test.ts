// The database password of a real MariaDB account never shows: not in the log file,
// stdout/stderr, --check-config, the error for a wrong password, `ps`, nor the environment
// of the commands the agent runs. It can come from config.ini, an absolute password_file,
// or systemd credentials ($CREDENTIALS_DIRECTORY + a relative password_file).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, spawnAgent, writeAgentConfig, type RunningAgent, type Sections } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

describe.skipIf(mariadbSkipReason())('the database password', () => {
  let db: TestDatabase;
  let root: string;
  const user = `sec_${randomBytes(4).toString('hex')}`;
  // Distinctive, so any leak is found by a plain substring search.
  const password = `PwSecret-${randomBytes(12).toString('hex')}`;
  const wrongPassword = `PwWrong-${randomBytes(12).toString('hex')}`;
  let nextId = 500;

  beforeAll(async () => {
    root = await makeTempDir('monitor-secrets-');
    db = await createTestDatabase('secrets');
    await db.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY '${password}'`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.* TO '${user}'@'localhost'`);
  });
  afterAll(async () => {
    await db?.query(`DROP USER IF EXISTS '${user}'@'localhost'`).catch(() => undefined);
    await db?.close();
    await removeTempDir(root);
  });

  /** Every file under dir, as text (log files, dumps). */
  function allText(dir: string): string {
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.isFile() && !entry.name.endsWith('.ini') && entry.name !== 'db_password') out.push(readFileSync(p, 'utf8'));
      }
    };
    walk(dir);
    return out.join('\n');
  }

  /** A case directory, an alarm for a process of its own, and commands that dump their environment. */
  async function prepareCase(tag: string): Promise<{ dir: string; id: number; name: string; sections: Sections }> {
    const dir = path.join(root, tag);
    mkdirSync(dir, { recursive: true });
    const id = nextId++;
    const name = `secret_${tag}`;
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound) VALUES (?, 1, 0)', [id]);
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, name]);
    const sections: Sections = {
      database: { user, password: '' },
      'process.default': {
        restart_strategy: 'process',
        process_launcher: 'detach',
        start_command: `env > ${dir}/start-env.txt`,
        pre_restart_command: `env > ${dir}/pre-env.txt`,
        health_check_command: `env > ${dir}/env.txt; tr '\\0' '\\n' < /proc/self/environ > ${dir}/environ.txt; ps -eo args > ${dir}/ps.txt`,
      },
    };
    return { dir, id, name, sections };
  }

  async function runUntilCleared(agent: RunningAgent, id: number, name: string): Promise<void> {
    try {
      await agent.waitForLine(new RegExp(`Alarm cleared for ${name} \\(ID: ${id}\\)`));
    } catch (error) {
      throw new Error(`${(error as Error).message.split(';')[0]}\n${agent.output()}`, { cause: error });
    }
  }

  it("password in config.ini: nowhere in logs, stdout, ps, or the commands' environment; mode 644 is a warning", async () => {
    const c = await prepareCase('inline');
    c.sections.database!.password = password;
    const configFile = writeAgentConfig({ dir: c.dir, socket: db.socket, database: db.name, sections: c.sections });
    chmodSync(configFile, 0o644);
    // Variables an administrator might have left around: never passed on to commands.
    const agent = spawnAgent(configFile, [], { MYSQL_PWD: password, MONITOR_SERVICE_DB_PASSWORD: password, CREDENTIALS_DIRECTORY: c.dir });
    await runUntilCleared(agent, c.id, c.name);
    // While it runs: the whole process table.
    const ps = await execa('ps', ['-eo', 'args']);
    expect(ps.stdout).toContain(configFile);
    expect(ps.stdout).not.toContain(password);
    expect(await agent.stop()).toBe(0);

    expect(agent.output()).toMatch(
      new RegExp(
        `WARNING - Configuration: ${configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is readable by group or others \\(mode 644\\); it holds the database password: chmod 600`,
      ),
    );
    expect(agent.output()).not.toContain(password);
    const dumps = allText(c.dir);
    // The commands ran, and dumped what they saw.
    for (const file of ['env.txt', 'environ.txt', 'pre-env.txt', 'start-env.txt', 'ps.txt']) {
      expect(readFileSync(path.join(c.dir, file), 'utf8').length, file).toBeGreaterThan(0);
    }
    expect(readFileSync(path.join(c.dir, 'env.txt'), 'utf8')).toMatch(/^PATH=/m);
    expect(dumps).toMatch(/Alarm cleared for secret_inline/); // the log file is in there
    expect(dumps).not.toContain(password);
    expect(dumps).not.toMatch(/MYSQL_PWD|MONITOR_SERVICE_DB_PASSWORD|CREDENTIALS_DIRECTORY/);
  });

  it('--check-config prints ******** in its place', async () => {
    const c = await prepareCase('check');
    c.sections.database!.password = password;
    const configFile = writeAgentConfig({ dir: c.dir, socket: db.socket, database: db.name, sections: c.sections });
    const result = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', configFile], { reject: false });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^password = \*{8}$/m);
    expect(`${result.stdout}\n${result.stderr}`).not.toContain(password);
  });

  it('a wrong password: the error names the user, not the password', async () => {
    const c = await prepareCase('wrong');
    c.sections.database!.password = wrongPassword;
    const configFile = writeAgentConfig({ dir: c.dir, socket: db.socket, database: db.name, sections: c.sections });
    const agent = spawnAgent(configFile);
    const line = await agent.waitForLine(/ERROR - Database error: .*ER_ACCESS_DENIED_ERROR/);
    expect(line).toContain(user);
    await agent.waitForLine(/Database unavailable \(attempt 3\)/);
    expect(agent.child.exitCode).toBeNull();
    expect(await agent.stop()).toBe(0);
    const everything = `${agent.output()}\n${allText(c.dir)}`;
    expect(everything).not.toContain(wrongPassword);
    expect(everything).not.toContain(password);
  });

  it('password_file with an absolute path (mode 600: no warning)', async () => {
    const c = await prepareCase('file');
    const passwordFile = path.join(c.dir, 'db_password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    c.sections.database!.password_file = passwordFile;
    const configFile = writeAgentConfig({ dir: c.dir, socket: db.socket, database: db.name, sections: c.sections });
    const agent = spawnAgent(configFile);
    await runUntilCleared(agent, c.id, c.name);
    expect(await agent.stop()).toBe(0);
    expect(agent.output()).not.toMatch(/readable by group or others/);
    expect(`${agent.output()}\n${allText(c.dir)}`).not.toContain(password);
  });

  it('systemd credentials: relative password_file in $CREDENTIALS_DIRECTORY; mode 640 is a warning', async () => {
    const c = await prepareCase('credentials');
    const credentials = path.join(c.dir, 'credentials');
    mkdirSync(credentials);
    const credential = path.join(credentials, 'db_password');
    writeFileSync(credential, `${password}\n`);
    chmodSync(credential, 0o640);
    c.sections.database!.password_file = 'db_password';
    const configFile = writeAgentConfig({ dir: c.dir, socket: db.socket, database: db.name, sections: c.sections });
    // Not found without the credentials directory (the relative name is not in the cwd).
    const without = await execa(process.execPath, [AGENT_CLI, '--check-config', '--config', configFile], { reject: false, cwd: root });
    expect(without.exitCode).toBe(78);
    expect(without.stderr).toMatch(/\[database\] password_file = "db_password": expected a readable file/);

    const agent = spawnAgent(configFile, [], { CREDENTIALS_DIRECTORY: credentials });
    await runUntilCleared(agent, c.id, c.name);
    expect(await agent.stop()).toBe(0);
    expect(agent.output()).toContain(`WARNING - Configuration: ${credential} is readable by group or others (mode 640)`);
    const dumps = `${agent.output()}\n${allText(c.dir)}`;
    expect(dumps).not.toContain(password);
    expect(readFileSync(path.join(c.dir, 'env.txt'), 'utf8')).not.toMatch(/CREDENTIALS_DIRECTORY/);
    const [row] = await db.query<RowDataPacket[]>('SELECT alarma FROM STATUS_PROCESS WHERE process_id = ?', [c.id]);
    expect(row?.alarma).toBe(0);
  });

  it("the agent's own environment and command line do not carry it either", async () => {
    const c = await prepareCase('proc');
    const passwordFile = path.join(c.dir, 'db_password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    c.sections.database!.password_file = passwordFile;
    const configFile = writeAgentConfig({ dir: c.dir, socket: db.socket, database: db.name, sections: c.sections });
    const agent = spawnAgent(configFile);
    await runUntilCleared(agent, c.id, c.name);
    const environ = readFileSync(`/proc/${agent.pid}/environ`, 'utf8');
    const cmdline = readFileSync(`/proc/${agent.pid}/cmdline`, 'utf8');
    await waitFor(() => agent.child.exitCode === null);
    expect(await agent.stop()).toBe(0);
    expect(environ).not.toContain(password);
    expect(cmdline).not.toContain(password);
  });
});
