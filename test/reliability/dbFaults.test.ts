// The database misbehaves under a running agent (the built CLI, a subprocess): it is down
// when the agent starts, it is killed with SIGKILL during a poll, during a restart and
// between a passed health check and the alarm clear, and another session holds a row lock.
// The agent must log, back off, recover by itself, never exit, forget no alarm and clear
// none without a verified restart. Uses a private MariaDB server: it is killed many times.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent, type Sections } from '../support/agentProcess.js';
import {
  createTestDatabase,
  destroyPrivateMariadb,
  mariadbSkipReason,
  startMariadb,
  startPrivateMariadb,
  stopMariadb,
  type MariadbServer,
  type TestDatabase,
} from '../support/mariadb.js';
import { isGone } from '../support/processes.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, alive, historyOf, makeSleeper, outcomes, registerProcess, setAlarm, waitForCleared, type Sleeper } from '../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('database faults under a running agent', () => {
  let server: MariadbServer;
  let db: TestDatabase;
  let dir: string;
  const sleepers: Sleeper[] = [];
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    server = await startPrivateMariadb();
    db = await createTestDatabase('dbfaults', { server });
    dir = await makeTempDir('monitor-dbfaults-');
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    for (const sleeper of sleepers) await sleeper.killAll().catch(() => undefined);
    await db?.close();
    if (server) await destroyPrivateMariadb(server);
    if (dir) await removeTempDir(dir);
  });

  function sleeper(): Sleeper {
    const made = makeSleeper(dir);
    sleepers.push(made);
    return made;
  }

  function agentWith(agentId: string, processes: Sections, connectTimeout = 2, monitor: Record<string, string | number> = {}): RunningAgent {
    const agentDir = path.join(dir, agentId);
    const agent = startAgent({
      dir: makeDir(agentDir),
      socket: server.socket,
      database: db.name,
      sections: {
        database: { connect_timeout: connectTimeout },
        monitor: { check_interval: '0.2', agent_id: agentId, ...monitor },
        // Dozens of restarts of one process within minutes are this test's point, not a restart loop.
        'process.default': { flap_threshold: 0 },
        ...processes,
      },
    });
    agents.push(agent);
    return agent;
  }

  const processSection = (s: Sleeper, extra: Record<string, string | number> = {}): Sections => ({
    [`process.${s.name}`]: {
      restart_strategy: 'process',
      process_launcher: 'detach',
      start_command: s.startCommand,
      health_check_command: 'pgrep -x %s',
      stop_timeout: 2,
      ...extra,
    },
  });

  it('starts while the database is down, keeps retrying, and handles the alarm set meanwhile', async () => {
    const app = sleeper();
    await registerProcess(db, 101, app.name);
    await setAlarm(db, 101); // raised while the agent cannot see the database
    await stopMariadb({ server, signal: 'SIGKILL' });

    const agent = agentWith('down-at-start', processSection(app));
    await agent.waitForLine(/Database error: register agent: /);
    await agent.waitForLine(/Database unavailable \(attempt 3\); retrying in/);
    expect(alive(agent)).toBe(true);

    await startMariadb({ server });
    await agent.waitForLine(/Database connection restored/);
    await waitForCleared(db, 101);
    await waitFor(() => outcomes(db, 101), { what: 'a success row for 101', until: (o) => o.success === 1 });
    expect(app.pids()).toHaveLength(1);
    expect(alive(agent)).toBe(true);
    expect(await agent.stop()).toBe(0);
  });

  it('survives 21 SIGKILLs of the database (during a poll, a restart, and between health check and clear)', async () => {
    const atPoll = sleeper();
    const inRestart = sleeper();
    const beforeClear = sleeper();
    const neverHealthy = sleeper();
    const arm = path.join(dir, 'arm-kill');
    await registerProcess(db, 201, atPoll.name);
    await registerProcess(db, 202, inRestart.name);
    await registerProcess(db, 203, beforeClear.name);
    await registerProcess(db, 204, neverHealthy.name, 1);

    const agent = agentWith(
      'db-kills',
      {
        ...processSection(atPoll),
        // The health check takes 1 s: the database is killed while it runs.
        ...processSection(inRestart, { health_check_command: 'sleep 1; pgrep -x %s' }),
        // Passes, then kills the database itself (once per arming): the clear meets a dead server.
        ...processSection(beforeClear, {
          health_check_command: `pgrep -x %s && { [ -e ${arm} ] && rm -f ${arm} && kill -9 $(cat ${server.pidFile}); true; }`,
        }),
        // Never healthy: its alarm must never be cleared, whatever the database does. The breaker
        // is kept from opening, so that it is being restarted (and failing) in every cycle.
        ...processSection(neverHealthy, { health_check_command: '/bin/false', health_check_timeout: 0.3, max_attempts: 1 }),
      },
      2,
      { max_restart_failures: 1000 },
    );
    await agent.waitForLine(/Database check: 1 process\(es\) in alarm/);

    const phases = [
      { name: 'poll', id: 201, process: atPoll },
      { name: 'restart', id: 202, process: inRestart },
      { name: 'before-clear', id: 203, process: beforeClear },
    ] as const;
    const cycles = 21;
    const killedServers = new Set<number>();
    const instances = new Map<number, Set<number>>(phases.map((phase) => [phase.id, new Set<number>()]));
    const neverHealthyPerCycle: number[] = [];
    // A poll that fails is logged as an ERROR, or, when it was already being retried (the
    // previous cycle's kill), as a retry WARNING that names it. The poll is two statements that
    // both wait for the lock: the look at the alarms, and the read of rows to judge (neverHealthy's,
    // between two of its procedures); either can be the one in flight when the server dies.
    const POLL_FAILED = /Database error: (poll|read) STATUS_PROCESS: |retrying in [\d.]+s: (poll|read) STATUS_PROCESS$/;
    const pollErrorsBefore = agent.count(POLL_FAILED);
    const startedAt = Date.now();

    for (let cycle = 0; cycle < cycles; cycle++) {
      const phase = phases[cycle % phases.length]!;
      const before = phase.process.pids();
      const successesBefore = (await outcomes(db, phase.id)).success ?? 0;
      const cycleStart = (await db.query<Array<{ now: Date }>>('SELECT NOW(3) AS now'))[0]!.now;
      const serverPid = Number((await readFile(server.pidFile, 'utf8')).trim());

      if (phase.name === 'poll') {
        // Another session locks STATUS_PROCESS and raises the alarm under that lock; the
        // agent's next poll then waits on the server, where it is seen, and the server dies.
        const locker = await mysql.createConnection({ socketPath: server.socket, user: 'root', database: db.name });
        locker.on('error', () => undefined);
        const pollErrors = agent.count(POLL_FAILED);
        try {
          await locker.query('LOCK TABLES STATUS_PROCESS WRITE');
          await locker.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = ?', [phase.id]);
          await waitFor(() => pollsInFlight(db), { what: "the agent's poll in flight on the server", until: (n) => n > 0, intervalMs: 10 });
          await stopMariadb({ server, signal: 'SIGKILL' });
        } finally {
          locker.destroy();
        }
        await startMariadb({ server });
        // The agent saw that very poll fail.
        await waitFor(() => agent.count(POLL_FAILED), { what: 'the poll error', until: (n) => n > pollErrors });
      } else if (phase.name === 'restart') {
        const begun = agent.count(new RegExp(`Beginning restart procedure for ${phase.process.name}`));
        await setAlarm(db, phase.id);
        await waitFor(() => agent.count(new RegExp(`Beginning restart procedure for ${phase.process.name}`)) > begun, {
          what: `restart of ${phase.process.name} to begin`,
        });
        await stopMariadb({ server, signal: 'SIGKILL' });
        await startMariadb({ server });
      } else {
        writeFileSync(arm, '');
        await setAlarm(db, phase.id);
        await waitFor(() => isGone(serverPid), { what: 'the health check to kill the database', timeoutMs: 20_000 });
        expect(existsSync(arm)).toBe(false);
        await startMariadb({ server });
      }
      expect(await isGone(serverPid)).toBe(true);
      killedServers.add(serverPid);
      expect(alive(agent)).toBe(true);

      await waitForCleared(db, phase.id, 30_000);
      // The clear comes after a verified restart: a new instance runs, the history says success once.
      const after = phase.process.pids();
      expect(after).toHaveLength(1);
      expect(before).not.toContain(after[0]);
      instances.get(phase.id)!.add(after[0]!);
      const o = await waitFor(() => outcomes(db, phase.id), {
        what: `the success row of cycle ${cycle} (${phase.name})`,
        // (A kill that lands on the history INSERT after it committed makes the agent insert
        // again; the first row is then closed as written twice: counted below.)
        until: (found) => (found.success ?? 0) > successesBefore,
      }).catch((error: Error) => {
        throw new Error(`${error.message}\nagent output (last 60 lines):\n${agent.lines.slice(-60).join('\n')}`);
      });
      expect(o.success).toBe(successesBefore + 1);
      // Meanwhile the never-healthy process was being restarted and failing (procedures that
      // ended during this cycle), and kept its alarm.
      const failures = await db.query<Array<{ n: number }>>(
        "SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id = 204 AND outcome = 'failure' AND finished_at >= ?",
        [cycleStart],
      );
      neverHealthyPerCycle.push(Number(failures[0]?.n));
      expect(await alarmOf(db, 204)).toBe(1);
      expect(alive(agent)).toBe(true);
    }

    // Counted from the server, the processes and the history, not by the test's own loop.
    expect(killedServers.size).toBe(cycles);
    for (const phase of phases) {
      expect(instances.get(phase.id)!.size, `distinct new instances of ${phase.name}`).toBe(cycles / phases.length);
      const { success, interrupted, ...others } = await outcomes(db, phase.id);
      expect(success).toBe(cycles / phases.length);
      expect(others).toEqual({});
      // Any interrupted row is a start written twice, never a lost procedure.
      const doubles = await db.query<Array<{ reason: string }>>("SELECT reason FROM monitor_restart_history WHERE process_id = ? AND outcome = 'interrupted'", [
        phase.id,
      ]);
      expect(doubles).toHaveLength(interrupted ?? 0);
      for (const row of doubles) expect(row.reason).toMatch(/^written twice: /);
      expect(await alarmOf(db, phase.id)).toBe(0);
    }
    expect(agent.count(POLL_FAILED) - pollErrorsBefore).toBeGreaterThanOrEqual(cycles / phases.length);
    // The process that never passes its health check kept its alarm through every kill,
    // while procedures for it ran (and failed) all along.
    expect(await alarmOf(db, 204)).toBe(1);
    expect((await outcomes(db, 204)).success).toBeUndefined();
    // (A procedure caught by a kill may finish in the next cycle: counted per three cycles.)
    const total = neverHealthyPerCycle.reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(cycles);
    for (let at = 0; at + phases.length <= cycles; at += phases.length) {
      const window = neverHealthyPerCycle.slice(at, at + phases.length);
      expect(
        window.reduce((sum, n) => sum + n, 0),
        `failed procedures of 204 in cycles ${at}-${at + 2}`,
      ).toBeGreaterThan(0);
    }
    expect(alive(agent)).toBe(true);
    const orphans = await db.query<Array<{ n: number }>>(
      "SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id IN (201, 202, 203) AND outcome = 'in_progress'",
    );
    expect(Number(orphans[0]?.n)).toBe(0);
    const writtenTwice = await db.query<Array<{ n: number }>>(
      "SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id IN (201, 202, 203) AND outcome = 'interrupted'",
    );
    console.log(
      `[reliability] database SIGKILL cycles: ${cycles} (${cycles / 3} each during a poll in flight, during a restart, between health check and clear); ` +
        `servers killed ${killedServers.size}; new instances ${[...instances.values()].reduce((sum, set) => sum + set.size, 0)}; ` +
        `history rows written twice by a kill during their INSERT (closed as such) ${Number(writtenTwice[0]?.n)}; ` +
        `never-healthy failed procedures per cycle ${neverHealthyPerCycle.join(',')} (alarm kept); agent database errors logged ${agent.count(/Database error:/)}; ` +
        `${Math.round((Date.now() - startedAt) / 1000)} s`,
    );
    expect(await agent.stop()).toBe(0);
  }, 300_000);

  it('times out writes blocked by a row lock held elsewhere, backs off, and clears once the lock is gone', async () => {
    const app = sleeper();
    const started = path.join(dir, 'lock-health-started');
    const go = path.join(dir, 'lock-health-go');
    await registerProcess(db, 301, app.name);
    const agent = agentWith(
      'row-lock',
      {
        ...processSection(app, {
          health_check_command: `touch ${started}; while [ ! -e ${go} ]; do sleep 0.05; done; pgrep -x %s`,
          health_check_timeout: 30,
        }),
      },
      1,
    );
    await agent.waitForLine(/Database check: \d+ process\(es\) in alarm/);
    await setAlarm(db, 301);
    await waitFor(() => existsSync(started), { what: 'the health check to start' });

    // Another session locks the alarm's row and keeps its transaction open.
    const locker = await mysql.createConnection({ socketPath: server.socket, user: 'root', database: db.name });
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT * FROM STATUS_PROCESS WHERE process_id = 301 FOR UPDATE');
      writeFileSync(go, '');
      // The clear is written with the outcome, in one transaction: that write times out on the lock.
      await agent.waitForLine(/Database error: record outcome: (ER_LOCK_WAIT_TIMEOUT|PROTOCOL_SEQUENCE_TIMEOUT)/, 20_000);
      // More timed-out writes than the pool has connections: none may stay stuck in the pool.
      await agent.waitForLine(/Database unavailable \(attempt 8\); retrying in/, 40_000);
      expect(alive(agent)).toBe(true);
      expect(await alarmOf(db, 301)).toBe(1); // not cleared while the lock holds it
      // Polls (plain reads) go on meanwhile.
      const polls = agent.count(/Database check:/);
      await waitFor(() => agent.count(/Database check:/) > polls + 2, { what: 'polls to go on during the lock' });
      await locker.query('ROLLBACK');
    } finally {
      await locker.end().catch(() => undefined);
    }
    await waitForCleared(db, 301);
    await agent.waitForLine(/Database connection restored/);
    const history = await waitFor(() => historyOf(db, 301), { what: 'the history of 301', until: (rows) => rows.every((r) => r.outcome !== 'in_progress') });
    expect(history.map((r) => r.outcome)).toEqual(['success']);
    expect(alive(agent)).toBe(true);
    console.log(
      `[reliability] row lock held by another session: agent write timeouts logged ${agent.count(/Database error: record outcome|Database unavailable/)}; ` +
        `alarm cleared after release: yes; history rows: ${history.length} (success)`,
    );
    expect(await agent.stop()).toBe(0);
  }, 120_000);
});

/** Statements of the agent's poll running on the server now (the test's own query excluded). */
async function pollsInFlight(db: TestDatabase): Promise<number> {
  const rows = await db.query<Array<{ n: number }>>(
    "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SELECT s.process_id, s.alarma%' AND ID <> CONNECTION_ID()",
  );
  return Number(rows[0]?.n);
}

function makeDir(dir: string): string {
  // startAgent writes config.ini and the log under this directory.
  mkdirSync(dir, { recursive: true });
  return dir;
}
