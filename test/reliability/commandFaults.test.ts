// Configured commands that misbehave: hang, fork grandchildren, flood stdout, die by a
// signal. The built agent runs them against a real MariaDB alarm; each is cut off by its
// timeout or the output cap, logged in one line, and leaves no process of its group behind.
import { execa } from 'execa';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

/** Markers unique to this file, so pgrep -f finds only what these commands started. */
const M = `${process.pid % 10000}`;

interface Fault {
  id: number;
  name: string;
  sections: Record<string, string | number>;
  /** The one log line that says why the procedure failed. */
  reason: RegExp;
  /** pgrep -f patterns that must find nothing afterwards. */
  leftovers: string[];
}

const FAULTS: Fault[] = [
  {
    id: 1,
    name: 'pre_hangs',
    sections: { pre_restart_command: `sleep 3131${M}` },
    reason: /ERROR - RESTART LOG: Pre-restart command failed for pre_hangs, restart abandoned: timed out after 1\.\ds \(process group killed\)$/,
    leftovers: [`sleep 3131${M}`],
  },
  {
    id: 2,
    name: 'pre_forks',
    // Grandchildren in the background, one in a subshell, then the shell waits forever.
    sections: { pre_restart_command: `(sleep 3132${M} &); sleep 3133${M} & sh -c "sleep 3134${M}" & wait` },
    reason: /ERROR - RESTART LOG: Pre-restart command failed for pre_forks, restart abandoned: timed out after 1\.\ds \(process group killed\)$/,
    leftovers: [`sleep 3132${M}`, `sleep 3133${M}`, `sleep 3134${M}`],
  },
  {
    id: 3,
    name: 'pre_floods',
    // Several MB on stdout, then it would linger.
    sections: { pre_restart_command: `head -c 8000000 /dev/zero | tr '\\0' x; echo flood3135${M}; sleep 3135${M}` },
    reason: /ERROR - RESTART LOG: Pre-restart command failed for pre_floods, restart abandoned: printed more than 64 KB \(stopped\); output: x+…$/,
    leftovers: [`flood3135${M}`, `sleep 3135${M}`],
  },
  {
    id: 4,
    name: 'pre_killed',
    sections: { pre_restart_command: `sleep 3136${M} & kill -9 $$` },
    reason: /ERROR - RESTART LOG: Pre-restart command failed for pre_killed, restart abandoned: killed by SIGKILL$/,
    leftovers: [`sleep 3136${M}`],
  },
  {
    id: 5,
    name: 'health_hangs',
    sections: { health_check_command: `sleep 3137${M}` },
    reason:
      /ERROR - RESTART LOG: Giving up on health_hangs after 1 attempt\(s\): attempt 1: health check "sleep 3137\d*" did not pass within 2s \(1 run\(s\)\); last: timed out after \d\.\ds \(process group killed\); alarm kept$/,
    leftovers: [`sleep 3137${M}`],
  },
  {
    id: 6,
    name: 'health_forks',
    sections: { health_check_command: `sleep 3138${M} & (sleep 3139${M} &); exit 1` },
    reason:
      /ERROR - RESTART LOG: Giving up on health_forks after 1 attempt\(s\): attempt 1: health check .* did not pass within 2s \(\d+ run\(s\)\); last: exit status 1; alarm kept$/,
    leftovers: [`sleep 3138${M}`, `sleep 3139${M}`],
  },
  {
    id: 7,
    name: 'health_floods',
    sections: { health_check_command: `yes flood3140${M}; sleep 3140${M}` },
    reason:
      /ERROR - RESTART LOG: Giving up on health_floods after 1 attempt\(s\): .*last: printed more than 64 KB \(stopped\); output: flood3140\d* \| flood3140.*…; alarm kept$/,
    leftovers: [`flood3140${M}`, `sleep 3140${M}`],
  },
  {
    id: 8,
    name: 'health_killed',
    sections: { health_check_command: `kill -9 $$` },
    reason: /ERROR - RESTART LOG: Giving up on health_killed after 1 attempt\(s\): .*last: killed by SIGKILL; alarm kept$/,
    leftovers: [],
  },
];

async function pgrep(pattern: string): Promise<string[]> {
  const result = await execa('pgrep', ['-a', '-f', pattern], { reject: false });
  return result.stdout.split('\n').filter(Boolean);
}

describe.skipIf(mariadbSkipReason())('misbehaving commands', () => {
  // Each test has a database, a directory and an agent of its own: nothing carries over.
  let dir: string;
  let db: TestDatabase;
  let agent: RunningAgent | undefined;

  beforeEach(async () => {
    dir = await makeTempDir('monitor-command-faults-');
    db = await createTestDatabase('command_faults');
    await db.query('DELETE FROM PROCESE');
    await db.query('DELETE FROM STATUS_PROCESS');
  });
  afterEach(async () => {
    await agent?.stop('SIGKILL');
    agent = undefined;
    await db?.close();
    await removeTempDir(dir);
  });
  afterAll(async () => {
    for (const fault of FAULTS) for (const pattern of fault.leftovers) await execa('pkill', ['-9', '-f', pattern], { reject: false });
    await execa('pkill', ['-9', '-f', `sleep 3141${M}`], { reject: false });
  });

  it('bounds each by its timeout or the output cap, says why in one line, leaves no process behind', async () => {
    const sections: Record<string, Record<string, string | number>> = {
      // One failure opens the breaker: each command runs in exactly one procedure.
      monitor: { max_restart_failures: 1, max_parallel_restarts: 8 },
      'process.default': {
        restart_strategy: 'process',
        process_launcher: 'detach',
        start_command: 'true',
        health_check_command: 'true',
        health_check_timeout: 2,
        command_timeout: 1,
        max_attempts: 1,
      },
    };
    for (const fault of FAULTS) {
      sections[`process.${fault.name}`] = fault.sections;
      await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound) VALUES (?, 1, 0)', [fault.id]);
      await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [fault.id, fault.name]);
    }
    const started = Date.now();
    agent = startAgent({ dir, socket: db.socket, database: db.name, sections });
    for (const fault of FAULTS) await agent.waitForLine(new RegExp(`Circuit breaker opened for ${fault.name} after 1 failures`), 30_000);
    const elapsedMs = Date.now() - started;

    // All eight ran in parallel and each was cut off at its bound (1 s command_timeout,
    // 2 s health_check_timeout): the whole lot took seconds, not the commands' 3131 s.
    expect(elapsedMs).toBeLessThan(15_000);
    for (const fault of FAULTS) {
      const lines = agent.lines.filter((line) => fault.reason.test(line));
      expect(lines, `reason line for ${fault.name}:\n${agent.lines.filter((l) => l.includes(fault.name)).join('\n')}`).toHaveLength(1);
      expect(lines[0]!.length).toBeLessThan(1500);
    }

    // Nothing of any command's process group is left, while the agent still runs.
    for (const fault of FAULTS) {
      for (const pattern of fault.leftovers) {
        await waitFor(() => pgrep(pattern), { what: `no process matching ${pattern}`, until: (found) => found.length === 0, timeoutMs: 3000 });
      }
    }
    expect(agent.child.exitCode).toBeNull();

    // The alarms are kept (no verified restart), and each failure is in the history.
    const alarms = await db.query<RowDataPacket[]>('SELECT process_id FROM STATUS_PROCESS WHERE alarma = 1 ORDER BY process_id');
    expect(alarms.map((r) => Number(r.process_id))).toEqual(FAULTS.map((f) => f.id));
    const history = await db.query<RowDataPacket[]>(
      "SELECT process_id, COUNT(*) AS n FROM monitor_restart_history WHERE outcome = 'failure' GROUP BY process_id ORDER BY process_id",
    );
    expect(history.map((r) => [Number(r.process_id), Number(r.n)])).toEqual(FAULTS.map((f) => [f.id, 1]));

    expect(await agent.stop()).toBe(0);
  });

  it('a command that exits at once but leaves a background child does not wait for it', async () => {
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound) VALUES (20, 1, 0)');
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (20, 'bg_child')");
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        'process.default': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: 'true',
          // Exits 0 at once; the child keeps stdout open for an hour.
          pre_restart_command: `sleep 3141${M} & echo pre-done`,
          health_check_command: 'true',
          command_timeout: 20,
          max_attempts: 1,
        },
      },
    });
    const started = Date.now();
    await agent.waitForLine(/Alarm cleared for bg_child \(ID: 20\)/, 30_000);
    // Not held up by the child until command_timeout: the group is killed when the command exits.
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(() => pgrep(`sleep 3141${M}`), { what: 'the background child gone', until: (found) => found.length === 0, timeoutMs: 3000 });
    expect(await agent.stop()).toBe(0);
  });
});
