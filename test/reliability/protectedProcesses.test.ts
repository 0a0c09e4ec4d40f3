// A row naming one of the agent's own ancestors, with restart_strategy = process: the built
// agent runs as the child of a wrapper script with a unique name (its comm), and that name
// is put in alarm. The agent must never signal its parent (nor PID 1, nor itself), run
// nothing for the row, keep the alarm and say why once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { isGone, killQuietly } from '../support/processes.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, historyOf, registerProcess } from '../support/faultKit.js';

const EXTRA_POLLS = 5;
const checks = /Database check: \d+ process\(es\) in alarm/;

describe.skipIf(mariadbSkipReason())('processes the agent never signals', () => {
  let db: TestDatabase;
  let dir: string;
  let wrapper: ChildProcess | undefined;
  let agentPid: number | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('protected');
    dir = await makeTempDir('monitor-protected-');
  });
  afterAll(async () => {
    // The agent first, then the wrapper (which exits once the agent has).
    for (const pid of [agentPid, wrapper?.pid]) {
      if (pid === undefined) continue;
      killQuietly(pid, 'SIGTERM');
      await waitFor(() => isGone(pid), { what: `PID ${pid} to exit` }).catch(() => killQuietly(pid));
    }
    await db?.close();
    await removeTempDir(dir);
  });

  it("refuses a row naming the agent's parent process: the parent is never signalled", async () => {
    const parentName = `mswrap${randomBytes(4).toString('hex')}`;
    const trace = path.join(dir, 'executed.log');
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        'process.default': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          pre_restart_command: `echo pre %s >> ${trace}`,
          start_command: `echo start %s >> ${trace}`,
          health_check_command: 'true',
          stop_timeout: 1,
        },
      },
    });
    // The wrapper stays the agent's parent (no exec); the agent forwards SIGTERM's exit.
    const script = path.join(dir, parentName);
    writeFileSync(script, `#!/bin/sh\n"${process.execPath}" "${AGENT_CLI}" --config "${config}"\necho "agent exited $?"\n`, { mode: 0o755 });
    await registerProcess(db, 401, parentName, 1);
    wrapper = spawn(script, [], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    wrapper.stdout?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    wrapper.stderr?.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    const wrapperPid = wrapper.pid!;
    const children = () => readFileSync(`/proc/${wrapperPid}/task/${wrapperPid}/children`, 'utf8').trim();
    agentPid = Number(await waitFor(children, { what: 'the agent to start under the wrapper' }));
    const count = (pattern: RegExp) => lines.filter((l) => pattern.test(l)).length;

    await waitFor(() => count(/\(ID: 401\) will not be acted on/) > 0 || (wrapper?.exitCode ?? wrapper?.signalCode) != null, {
      what: 'the refusal (or the wrapper dying)',
      timeoutMs: 20_000,
    });
    const target = count(checks) + EXTRA_POLLS;
    await waitFor(() => count(checks) >= target || wrapper?.signalCode != null, { what: `${EXTRA_POLLS} more polls`, timeoutMs: 20_000 });

    expect(wrapper.signalCode, lines.slice(-20).join('\n')).toBeNull();
    expect(await isGone(wrapperPid)).toBe(false);
    const refusals = lines.filter((l) => l.includes('(ID: 401) will not be acted on'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(
      new RegExp(
        `WARNING - Alarm for ${parentName} \\(ID: 401\\) will not be acted on: a running ${parentName} \\(PID ${wrapperPid}\\) is one of the agent's parent processes; the agent never signals it`,
      ),
    );
    expect(existsSync(trace) ? readFileSync(trace, 'utf8') : '').toBe('');
    expect(await alarmOf(db, 401)).toBe(1);
    const history = await historyOf(db, 401);
    expect(history.map((h) => h.outcome)).toEqual(['rejected']);
    expect(history[0]?.reason).toContain(`(PID ${wrapperPid}) is one of the agent's parent processes`);
  });
});
