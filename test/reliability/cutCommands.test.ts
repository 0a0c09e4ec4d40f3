// `pre_restart_command = echo broken >&2; exit 1` used to be read as `echo broken` (INI
// ends a value at ; or #): the safety check passed and the restart went ahead. Now the
// built agent refuses the file (78) and shows the double-quoted form; with that form the
// whole command runs, fails, and the process is left alone (real agent, real MariaDB).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnAgent, startAgent, writeAgentConfig, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, historyOf, makeSleeper, registerProcess, setAlarm, type Sleeper } from '../support/faultKit.js';

const EX_CONFIG = 78;
const PRE_RESTART = 'echo broken >&2; exit 1';

describe.skipIf(mariadbSkipReason())('commands INI would cut at ; or #', () => {
  let db: TestDatabase;
  let dir: string;
  let app: Sleeper;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('cut_commands');
    dir = await makeTempDir('monitor-cut-commands-');
    app = makeSleeper(dir, 'cut');
    await registerProcess(db, 801, app.name);
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await app?.killAll().catch(() => undefined);
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  it('an unquoted pre_restart_command with ";": the agent refuses to start, naming the key and the quoted form', async () => {
    const file = writeAgentConfig({ dir, socket: db.socket, database: db.name, fileName: 'unquoted.ini' });
    appendFileSync(file, `\n[process.${app.name}]\nrestart_strategy = process\nstart_command = ${app.startCommand}\npre_restart_command = ${PRE_RESTART}\n`);
    const agent = spawnAgent(file, ['--once']);
    agents.push(agent);
    expect(await agent.exited).toBe(EX_CONFIG);
    const output = agent.output();
    expect(output).toContain(`[process.${app.name}] pre_restart_command = "echo broken >&2": expected the whole command`);
    expect(output).toContain(`write it in double quotes: pre_restart_command = "${PRE_RESTART}"`);
  });

  it('the double-quoted form: the whole command runs, fails, and no restart happens', async () => {
    const started = path.join(dir, 'start-command-ran');
    // One running instance, started by the test; start_command would leave a marker.
    const instance = spawn(app.binary, ['600'], { stdio: 'ignore', detached: true });
    instance.unref();
    const agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      fileName: 'quoted.ini',
      sections: {
        monitor: { agent_id: 'cut-quoted' },
        // writeAgentConfig double-quotes a value with ; or # (JSON.stringify), the form the error shows.
        [`process.${app.name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: `touch ${started}; ${app.startCommand}`,
          pre_restart_command: PRE_RESTART,
        },
      },
    });
    agents.push(agent);
    await agent.waitForLine(/Database check: /);
    await setAlarm(db, 801);
    await agent.waitForLine(new RegExp(`Pre-restart command failed for ${app.name}, restart abandoned: exit status 1.*broken`));
    // The history row is finished just after the log line.
    const history = await waitFor(() => historyOf(db, 801), { what: 'the failure row', until: (rows) => rows.every((row) => row.outcome !== 'in_progress') });
    expect(history.map((row) => row.outcome)).toEqual(['failure']);
    expect(history[0]!.reason).toMatch(/exit status 1/);
    expect(existsSync(started)).toBe(false);
    expect(app.pids()).toEqual([instance.pid]);
    expect(await alarmOf(db, 801)).toBe(1);
    await setAlarm(db, 801, 0);
    expect(await agent.stop()).toBe(0);
  });
});
