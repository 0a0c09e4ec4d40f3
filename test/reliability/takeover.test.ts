// Two agents on one database; one is killed with SIGKILL while it has restarts in flight.
// The survivor takes those alarms over once their claims expire: a process the dead agent
// had already restarted is health-checked, not restarted a second time; a procedure whose
// alarm somebody cleared meanwhile (so nobody claims it again) is still closed, not left
// in_progress for ever.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNamedAgent, type RunningAgent, type Sections } from '../support/agentProcess.js';
import { createTestDatabase, loadSetupSql, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alive, historyOf, makeSleeper, registerProcess, setAlarm, type Sleeper } from '../support/faultKit.js';

const COUNT = 24;
const FIRST_ID = 3000;

describe.skipIf(mariadbSkipReason())('taking over the alarms of an agent killed mid-burst', () => {
  let db: TestDatabase;
  let dir: string;
  const agents: RunningAgent[] = [];
  const apps: Sleeper[] = [];
  let gate = '';

  beforeAll(async () => {
    db = await createTestDatabase('takeover');
    dir = await makeTempDir('monitor-takeover-');
    gate = path.join(dir, 'gate');
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    // Lets the dead agent's health checks (their own process groups, still looping) end.
    if (gate) writeFileSync(gate, '');
    for (const app of apps) await app.killAll().catch(() => undefined);
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  function start(agentId: string, sections: Sections): RunningAgent {
    const agent = startNamedAgent(agentId, {
      dir,
      socket: db.socket,
      database: db.name,
      sections: { ...sections, monitor: { check_interval: '0.2', claim_lease: 5, max_parallel_restarts: 8 } },
    });
    agents.push(agent);
    return agent;
  }

  const alarmsSet = async (): Promise<number[]> =>
    (
      await db.query<RowDataPacket[]>('SELECT process_id FROM STATUS_PROCESS WHERE process_id BETWEEN ? AND ? AND alarma <> 0', [
        FIRST_ID,
        FIRST_ID + COUNT - 1,
      ])
    ).map((r) => Number(r.process_id));

  it('restarts every process exactly once, clears every alarm, leaves no row in_progress', async () => {
    const trace = path.join(dir, 'trace');
    const inHealth = path.join(dir, 'in-health');
    mkdirSync(inHealth);
    const processSections: Sections = {};
    for (let i = 0; i < COUNT; i += 1) {
      const app = makeSleeper(dir, 'tko');
      apps.push(app);
      await registerProcess(db, FIRST_ID + i, app.name);
      // Every start leaves a line in the trace: the count of restarts per process.
      processSections[`process.${app.name}`] = { start_command: `echo %s >> ${trace}; ${app.startCommand}` };
    }
    const idOf = new Map(apps.map((app, i) => [app.name, FIRST_ID + i]));
    const common = { restart_strategy: 'process', process_launcher: 'detach', start_command: 'true', max_attempts: 1, stop_timeout: 2 };
    // A restarts, then its health check waits at the gate (opened only after A is dead):
    // whatever A holds when it is killed has been restarted and is not yet verified.
    const a = start('take-a', {
      ...processSections,
      'process.default': {
        ...common,
        health_check_command: `touch ${inHealth}/%s; while [ ! -e ${gate} ]; do sleep 0.05; done; pgrep -x %s`,
        health_check_timeout: 300,
      },
    });
    const b = start('take-b', { ...processSections, 'process.default': { ...common, health_check_timeout: 5 } });
    await a.waitForLine(/Database check: 0 process\(es\) in alarm/);
    await b.waitForLine(/Database check: 0 process\(es\) in alarm/);

    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id BETWEEN ? AND ?', [FIRST_ID, FIRST_ID + COUNT - 1]);
    // B clears what it claimed; what is left is what A restarted and holds, at its health check.
    const heldByA = await waitFor(
      async () => {
        const set = await alarmsSet();
        const waiting = readdirSync(inHealth).map((name) => idOf.get(name)!);
        return set.length > 0 && set.length === waiting.length && set.every((id) => waiting.includes(id)) ? set : undefined;
      },
      { what: 'every alarm left to be one agent A restarted and holds', timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(heldByA!.length).toBeGreaterThanOrEqual(2);
    const restartsBefore = (await readFile(trace, 'utf8')).split('\n').filter(Boolean).length;
    expect(restartsBefore).toBe(COUNT);

    a.child.kill('SIGKILL');
    await a.exited;
    const killedAt = Date.now();
    writeFileSync(gate, '');
    // An operator clears one of them by hand meanwhile: nobody will claim it again.
    const [clearedByHand, ...takenOver] = heldByA!;
    await setAlarm(db, clearedByHand!, 0);

    await waitFor(alarmsSet, { what: 'all alarms to be cleared', until: (set) => set.length === 0, timeoutMs: 30_000, intervalMs: 200 });
    const takeoverMs = Date.now() - killedAt;
    const inProgress = async (): Promise<number> =>
      Number(
        (
          await db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE outcome = 'in_progress' AND process_id BETWEEN ? AND ?", [
            FIRST_ID,
            FIRST_ID + COUNT - 1,
          ])
        )[0]!.n,
      );
    await waitFor(inProgress, { what: 'no history row left in_progress', until: (n) => n === 0, timeoutMs: 20_000, intervalMs: 200 });

    // Exactly one start per process: the ones A had restarted were not restarted again.
    const lines = (await readFile(trace, 'utf8')).split('\n').filter(Boolean);
    const perName = new Map<string, number>();
    for (const line of lines) perName.set(line, (perName.get(line) ?? 0) + 1);
    expect([...perName].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...perName.keys()].sort()).toEqual(apps.map((app) => app.name).sort());
    for (const app of apps) expect(app.pids(), app.name).toHaveLength(1);

    for (const id of takenOver) {
      const history = await historyOf(db, id);
      const byA = history.filter((r) => r.agent_id === 'take-a');
      const byB = history.filter((r) => r.agent_id === 'take-b');
      expect(byA.map((r) => r.outcome)).toEqual(['interrupted']);
      expect(byA[0]!.reason).toMatch(/claim lease expired; the procedure was taken over by agent take-b/);
      expect(byB.map((r) => [r.outcome, r.attempts])).toEqual([['success', 0]]);
      expect(byB[0]!.reason).toMatch(
        /^taken over: agent take-a had restarted it \(attempt 1, [\d-]+ [\d:]+\) before its claim expired; health check passed \(run 1\); not restarted again$/,
      );
    }
    const handClearedHistory = await historyOf(db, clearedByHand!);
    expect(handClearedHistory.map((r) => [r.agent_id, r.outcome])).toEqual([['take-a', 'interrupted']]);
    expect(handClearedHistory[0]!.reason).toMatch(/alarm is no longer set; closed by agent take-b$/);
    expect(handClearedHistory[0]!.finished_at).not.toBeNull();

    expect(b.count(/is healthy after the restart by agent take-a; not restarted again/)).toBe(takenOver.length);
    expect(b.count(/restart procedure\(s\) of other agents were left unfinished/)).toBe(1);
    expect(alive(b)).toBe(true);
    const byAgent = await db.query<RowDataPacket[]>(
      'SELECT agent_id, outcome, COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN ? AND ? GROUP BY agent_id, outcome ORDER BY agent_id, outcome',
      [FIRST_ID, FIRST_ID + COUNT - 1],
    );
    console.log(
      `[reliability] agent killed with ${heldByA!.length} restarts in flight (claim_lease 5): all ${COUNT} cleared ${takeoverMs} ms after the kill; ` +
        `starts per process min ${Math.min(...perName.values())} max ${Math.max(...perName.values())}; ` +
        `history ${byAgent.map((r) => `${r.agent_id}:${r.outcome}=${r.n}`).join(', ')}`,
    );
    expect(await b.stop()).toBe(0);
  }, 120_000);

  it('sql/setup.sql adds restarted_at to a history table from before it, keeping the rows', async () => {
    const upgraded = await createTestDatabase('takeover_upgrade');
    try {
      await upgraded.query('ALTER TABLE monitor_restart_history DROP COLUMN restarted_at');
      await upgraded.query("INSERT INTO monitor_restart_history (process_id, agent_id, started_at, outcome) VALUES (7, 'old', NOW(3), 'success')");
      await loadSetupSql(upgraded.name, upgraded.socket);
      await loadSetupSql(upgraded.name, upgraded.socket);
      const columns = await upgraded.query<RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = ? AND table_name = 'monitor_restart_history' AND column_name = 'restarted_at'",
        [upgraded.name],
      );
      expect(Number(columns[0]!.n)).toBe(1);
      const rows = await upgraded.query<Array<{ agent_id: string; outcome: string; restarted_at: Date | null }>>(
        'SELECT agent_id, outcome, restarted_at FROM monitor_restart_history WHERE process_id = 7',
      );
      expect(rows.map((r) => [r.agent_id, r.outcome, r.restarted_at])).toEqual([['old', 'success', null]]);
    } finally {
      await upgraded.close();
    }
  });
});
