// Raising an alarm from a watch, on a real database: only alarma changes (0 → 1),
// a `detected` history row keeps the evidence, and a process that is already in
// alarm, whose breaker is open, or that is not registered gets no alarm (said
// and, where there is a process ID, recorded).
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../src/db/Database.js';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { EventBus } from '../../src/events/EventBus.js';
import type { Logger } from '../../src/log/createLogger.js';
import { reportDetection, type DetectionContext } from '../../src/watch/reportDetection.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { openAgentDatabase } from '../support/agentDatabase.js';

const silent: Logger = { error: () => undefined, warning: () => undefined, info: () => undefined, debug: () => undefined, close: () => Promise.resolve() };

describe.skipIf(mariadbSkipReason())('reportDetection', () => {
  let db: TestDatabase;
  let handle: Database;
  let events: AgentEvent[];
  let ctx: DetectionContext;

  beforeAll(async () => {
    db = await createTestDatabase('watch_report');
    handle = openAgentDatabase(db);
    const bus = new EventBus(silent);
    events = [];
    bus.onAny('test', (event) => {
      events.push(event);
    });
    ctx = {
      db: () => handle,
      agentId: 'agent-w',
      events: bus,
      breaker: () => ({ maxFailures: 3, resetSeconds: 1800 }),
      persist: (_what, operation) => operation(),
      queueNotifications: () => Promise.resolve(),
    };
  });
  afterAll(async () => {
    if (handle) await closeDatabase(handle);
    await db?.close();
  });

  const register = async (id: number, name: string, alarma: number) => {
    await db.query('INSERT INTO PROCESE (process_id, process_name) VALUES (?, ?)', [id, name]);
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (?, ?, 1, 'operator text')", [id, alarma]);
  };
  const statusOf = async (id: number) => {
    const rows = await db.query<RowDataPacket[]>('SELECT alarma, sound, notes FROM STATUS_PROCESS WHERE process_id = ?', [id]);
    return { ...rows[0] };
  };
  const historyOf = async (id: number) => {
    const rows = await db.query<RowDataPacket[]>(
      'SELECT outcome, reason, agent_id, process_name FROM monitor_restart_history WHERE process_id = ? ORDER BY id',
      [id],
    );
    return rows.map((row) => ({
      outcome: String(row.outcome),
      reason: String(row.reason),
      agent_id: String(row.agent_id),
      process_name: String(row.process_name),
    }));
  };

  it('sets alarma 0 → 1 and nothing else, records a detected row with the evidence, and announces it', async () => {
    await register(201, 'web', 0);
    events.length = 0;
    await reportDetection(ctx, { name: 'web', watch: 'log', evidence: 'line in /var/log/web.log matches /ERROR/: ERROR boom' });
    expect(await statusOf(201)).toEqual({ alarma: 1, sound: 1, notes: 'operator text' });
    expect(await historyOf(201)).toEqual([
      {
        outcome: 'detected',
        reason: 'log watch: line in /var/log/web.log matches /ERROR/: ERROR boom; alarm raised',
        agent_id: 'agent-w',
        process_name: 'web',
      },
    ]);
    expect(events).toEqual([
      {
        type: 'watch.detected',
        processId: 201,
        name: 'web',
        watch: 'log',
        evidence: 'line in /var/log/web.log matches /ERROR/: ERROR boom',
        raised: true,
        notRaised: null,
        why: '',
      },
    ]);
  });

  it('leaves an alarm that is already set alone, and says so', async () => {
    await register(202, 'db', 1);
    events.length = 0;
    await reportDetection(ctx, { name: 'db', watch: 'process', evidence: 'no running process named exactly db' });
    expect(await statusOf(202)).toEqual({ alarma: 1, sound: 1, notes: 'operator text' });
    const [row] = await historyOf(202);
    expect(row?.outcome).toBe('detected');
    expect(row?.reason).toMatch(/alarm not raised: already in alarm \(alarma = 1\)$/);
    expect(events[0]).toMatchObject({ type: 'watch.detected', raised: false, notRaised: 'in-alarm' });
  });

  it('raises no alarm while the breaker is open, and records why', async () => {
    await register(203, 'queue', 0);
    await db.query("INSERT INTO monitor_circuit_breaker (process_id, state, failures, opened_at, updated_at) VALUES (203, 'open', 3, NOW(3), NOW(3))");
    events.length = 0;
    await reportDetection(ctx, { name: 'queue', watch: 'systemd', evidence: 'unit queue.service is failed (failed)' });
    expect((await statusOf(203)).alarma).toBe(0);
    const [row] = await historyOf(203);
    expect(row?.outcome).toBe('detected');
    expect(row?.reason).toMatch(/alarm not raised: circuit breaker open after 3 failures; next trial after /);
    expect(events[0]).toMatchObject({ type: 'watch.detected', raised: false, notRaised: 'breaker-open' });
    expect(events[0]?.type === 'watch.detected' && events[0].why).toMatch(/^circuit breaker open/);
  });

  it('raises nothing for a name PROCESE does not have', async () => {
    events.length = 0;
    await reportDetection(ctx, { name: 'ghost', watch: 'tcp', evidence: '127.0.0.1:1: connect ECONNREFUSED' });
    expect(events).toEqual([{ type: 'watch.unregistered', name: 'ghost', watch: 'tcp', evidence: '127.0.0.1:1: connect ECONNREFUSED' }]);
    const rows = await db.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM monitor_restart_history WHERE process_name = 'ghost'");
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('says so when STATUS_PROCESS has no row for the process', async () => {
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (204, 'lonely')");
    events.length = 0;
    await reportDetection(ctx, { name: 'lonely', watch: 'http', evidence: 'http://x answered HTTP 500' });
    expect(events[0]).toMatchObject({ type: 'watch.detected', processId: 204, raised: false, notRaised: 'no-status-row' });
    expect(events[0]?.type === 'watch.detected' && events[0].why).toMatch(/^no STATUS_PROCESS row/);
  });
});
