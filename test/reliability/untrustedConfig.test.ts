// A config file (or password_file, or a directory holding them) that someone other than
// root could change is a way to root: the agent runs its commands as root. Run as root
// (as the tests are), every program that reads the config refuses it (exit 78), naming
// the file, its owner and mode; a SIGHUP reload refuses it and keeps the running settings.
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, spawnAgent, writeAgentConfig, type RunningAgent, type Sections } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { CLI, runCli } from '../cli/runCli.js';
import { alarmOf, makeSleeper, registerProcess, setAlarm, waitForCleared, type Sleeper } from '../support/faultKit.js';

const EX_CONFIG = 78;
const NOBODY = 65534;

describe.skipIf(mariadbSkipReason())('config files others could change', () => {
  let db: TestDatabase;
  let dir: string;
  const agents: RunningAgent[] = [];
  const sleepers: Sleeper[] = [];

  beforeAll(async () => {
    expect(process.geteuid?.()).toBe(0); // the refusal is for an agent running as root
    db = await createTestDatabase('untrusted_config');
    dir = await makeTempDir('monitor-untrusted-config-');
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    for (const sleeper of sleepers) await sleeper.killAll().catch(() => undefined);
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  function caseDir(label: string): string {
    const at = path.join(dir, label);
    mkdirSync(at, { recursive: true });
    return at;
  }

  const checkConfig = (file: string) => execa(process.execPath, [AGENT_CLI, '--check-config', '--config', file], { reject: false, timeout: 20_000 });

  it('mode 0666: --once exits 78 naming file, owner and mode, and the command in it never runs', async () => {
    const at = caseDir('mode666');
    const marker = path.join(at, 'pre-restart-ran');
    await registerProcess(db, 701, 'untrusted701', 1); // in alarm before the agent starts
    const file = writeAgentConfig({
      dir: at,
      socket: db.socket,
      database: db.name,
      sections: {
        'process.untrusted701': { restart_strategy: 'process', process_launcher: 'detach', start_command: 'true', pre_restart_command: `touch ${marker}` },
      },
    });
    chmodSync(file, 0o666);
    const agent = spawnAgent(file, ['--once']);
    agents.push(agent);
    expect(await agent.exited).toBe(EX_CONFIG);
    expect(agent.output()).toContain(`[-] = "${file}": expected a file that only root can change`);
    expect(agent.output()).toContain(`${file} is owned by root but writable by group or others (mode 0666)`);
    expect(existsSync(marker)).toBe(false);
    expect(await alarmOf(db, 701)).toBe(1);
    await setAlarm(db, 701, 0);

    // --check-config says the same instead of "configuration OK".
    const checked = await checkConfig(file);
    expect(checked.exitCode).toBe(EX_CONFIG);
    expect(checked.stdout).not.toMatch(/configuration OK/);
    expect(checked.stderr).toContain('is owned by root but writable by group or others (mode 0666)');
  });

  it('status, test-alarm and simple-test refuse it too', async () => {
    const file = writeAgentConfig({ dir: caseDir('tools'), socket: db.socket, database: db.name });
    chmodSync(file, 0o666);
    for (const [script, args] of [
      [CLI.monitorService, ['status', '--config', file]],
      [CLI.testAlarm, ['--config', file, 'list']],
      [CLI.simpleTest, ['--config', file, 'apache2']],
    ] as const) {
      const result = await runCli(script, [...args]);
      expect(result.exitCode, `${path.basename(script)}: ${result.all}`).toBe(EX_CONFIG);
      expect(result.stderr).toContain(`${file} is owned by root but writable by group or others (mode 0666)`);
    }
  });

  it('a config owned by nobody: the agent exits 78', async () => {
    const file = writeAgentConfig({ dir: caseDir('nobody'), socket: db.socket, database: db.name });
    chownSync(file, NOBODY, NOBODY);
    const agent = spawnAgent(file, ['--once']); // --once: an agent that accepted it would end by itself
    agents.push(agent);
    expect(await agent.exited).toBe(EX_CONFIG);
    expect(agent.output()).toContain(`${file} is owned by uid 65534, not root (mode 0600)`);
  });

  it('a password_file in a directory anyone can write: 78, as [database] password_file', async () => {
    const at = caseDir('password');
    const open = path.join(at, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const passwordFile = path.join(open, 'db_password');
    writeFileSync(passwordFile, '\n', { mode: 0o600 });
    const file = writeAgentConfig({ dir: at, socket: db.socket, database: db.name, sections: { database: { password: '', password_file: passwordFile } } });
    const agent = spawnAgent(file, ['--once']);
    agents.push(agent);
    expect(await agent.exited).toBe(EX_CONFIG);
    expect(agent.output()).toContain(`[database] password_file = "${passwordFile}": expected a file that only root can change`);
    expect(agent.output()).toContain(`its directory ${open} is owned by root but writable by group or others (mode 0777)`);
    expect((await checkConfig(file)).exitCode).toBe(EX_CONFIG);
  });

  it('SIGHUP with the config made 0666 meanwhile: refused, the old settings keep running', async () => {
    const at = caseDir('reload');
    const app = makeSleeper(at);
    sleepers.push(app);
    await registerProcess(db, 702, app.name);
    const marker = path.join(at, 'new-health-ran');
    const section = {
      restart_strategy: 'process',
      process_launcher: 'detach',
      start_command: app.startCommand,
      health_check_command: 'pgrep -x %s',
      stop_timeout: 2,
    };
    const sections = (health: string): Sections => ({
      monitor: { agent_id: 'untrusted-reload' },
      [`process.${app.name}`]: { ...section, health_check_command: health },
    });
    const file = writeAgentConfig({ dir: at, socket: db.socket, database: db.name, sections: sections('pgrep -x %s') });
    const agent = spawnAgent(file);
    agents.push(agent);
    await agent.waitForLine(/Database check: /);

    // Someone else rewrites the file while it is 0666: its new health check must never run.
    writeAgentConfig({ dir: at, socket: db.socket, database: db.name, sections: sections(`touch ${marker}; pgrep -x %s`) });
    chmodSync(file, 0o666);
    agent.child.kill('SIGHUP');
    const refusal = await agent.waitForLine(/Configuration reload failed, keeping the running configuration: /);
    expect(refusal).toContain(`${file} is owned by root but writable by group or others (mode 0666)`);

    await setAlarm(db, 702);
    await waitForCleared(db, 702);
    expect(existsSync(marker)).toBe(false);
    expect(agent.output()).not.toMatch(/Configuration reloaded from /);
    expect(agent.child.exitCode).toBeNull();

    // Made root's again, the same file is taken.
    chmodSync(file, 0o600);
    agent.child.kill('SIGHUP');
    await agent.waitForLine(/Configuration reloaded from /);
    await setAlarm(db, 702);
    await waitForCleared(db, 702);
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    expect(await agent.stop()).toBe(0);
  });
});
