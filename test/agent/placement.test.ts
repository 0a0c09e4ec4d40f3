// Several hosts, one database: each agent acts only on the processes that
// monitor_process_host assigns to its agent_group, plus the unassigned ones when
// take_unassigned = yes. Real agents, real processes (their start commands), the
// private MariaDB.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent, type Sections } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { registerProcess } from '../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('placement: agents act only on their group', () => {
  let db: TestDatabase;
  let dir: string;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('placement');
    dir = await makeTempDir('monitor-placement-');
  });

  afterAll(async () => {
    for (const agent of agents) await agent.stop('SIGKILL');
    await db?.close();
    if (dir) await removeTempDir(dir);
  });

  function start(agentId: string, monitor: Record<string, string>, starts: string): RunningAgent {
    const agentDir = path.join(dir, agentId);
    mkdirSync(agentDir, { recursive: true });
    const sections: Sections = {
      monitor: { check_interval: '0.2', agent_id: agentId, max_parallel_restarts: 8, ...monitor },
      'process.default': {
        restart_strategy: 'process',
        process_launcher: 'detach',
        start_command: `echo ${agentId} %s >> ${starts}`,
        health_check_command: 'true',
        max_attempts: 1,
      },
    };
    const agent = startAgent({ dir: agentDir, socket: db.socket, database: db.name, sections });
    agents.push(agent);
    return agent;
  }

  it('restarts each process once, on its own group; unassigned ones only where take_unassigned = yes', async () => {
    const starts = path.join(dir, 'starts.log');
    const group = (id: number): string | null => (id < 120 ? 'host-a' : id < 130 ? 'host-b' : id < 140 ? null : 'host-gone');
    const ids = Array.from({ length: 45 }, (_, i) => 100 + i);
    for (const id of ids) {
      await registerProcess(db, id, `placed${id}`);
      const host = group(id);
      // The README's registration INSERT, word for word.
      if (host !== null) await db.query('INSERT INTO monitor_process_host (process_id, host) VALUES (?, ?)', [id, host]);
    }
    const a = start('agent-a', { agent_group: 'host-a', take_unassigned: 'no' }, starts);
    const b = start('agent-b', { agent_group: 'host-b' }, starts);
    await a.waitForLine(/Database check: 0 process\(es\) in alarm/);
    await b.waitForLine(/Database check: 0 process\(es\) in alarm/);

    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id BETWEEN 100 AND 144');
    const handled = ids.filter((id) => group(id) !== 'host-gone');
    await waitFor(
      async () => {
        const rows = await db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE process_id BETWEEN 100 AND 139 AND alarma <> 0');
        return Number(rows[0]!.n);
      },
      { what: 'the alarms of host-a, host-b and the unassigned ones to be cleared', until: (n) => n === 0, timeoutMs: 60_000, intervalMs: 200 },
    );
    // A few more polls of both: nobody touches host-gone's alarms, nothing starts twice.
    const polls = [a.count(/Database check:/), b.count(/Database check:/)];
    await waitFor(() => a.count(/Database check:/) >= polls[0]! + 5 && b.count(/Database check:/) >= polls[1]! + 5, { what: 'five more polls each' });

    const lines = (await readFile(starts, 'utf8')).split('\n').filter(Boolean);
    const expected = handled.map((id) => `${group(id) === 'host-a' ? 'agent-a' : 'agent-b'} placed${id}`).sort();
    expect(lines.sort()).toEqual(expected);
    const gone = await db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE process_id BETWEEN 140 AND 144 AND alarma = 1');
    expect(Number(gone[0]!.n)).toBe(5);
    const touched = await db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_id BETWEEN 140 AND 144');
    expect(Number(touched[0]!.n)).toBe(0);
    // Each agent's poll saw only its own alarms: the filter is in the query.
    expect(a.output()).not.toMatch(/Database check: (2[1-9]|[3-9]\d) process\(es\) in alarm/);
    expect(b.output()).not.toMatch(/Database check: (2[1-9]|[3-9]\d) process\(es\) in alarm/);

    const registered = await db.query<RowDataPacket[]>("SELECT agent_id, agent_group FROM monitor_agent WHERE agent_id LIKE 'agent-%' ORDER BY agent_id");
    expect(registered.map((row) => `${row.agent_id}:${row.agent_group}`)).toEqual(['agent-a:host-a', 'agent-b:host-b']);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  }, 120_000);
});
