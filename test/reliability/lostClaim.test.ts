// A claim lost in the middle of a procedure (the agent could not renew it for a
// whole claim_lease, and another agent took the alarm over) stops the procedure:
// no further attempt, no verdict on the process (alarm and breaker left to the
// new holder), recorded `interrupted` with the reason.
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, historyOf, registerProcess } from '../support/faultKit.js';

describe.skipIf(mariadbSkipReason())('a claim lost during the procedure', () => {
  let db: TestDatabase;
  let dir: string;
  let agent: RunningAgent | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('lostclaim');
    dir = await makeTempDir();
  });
  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await db?.close();
    await removeTempDir(dir);
  });

  it('stops after the current attempt and leaves the alarm to the agent that took it', async () => {
    // Never healthy: each attempt waits out its health_check_timeout, so the procedure would take 3 × 3 s.
    await registerProcess(db, 71, 'never_healthy', 0);
    agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        monitor: { claim_lease: 5, max_restart_failures: 1 },
        'process.never_healthy': { restart_strategy: 'process', start_command: 'true', max_attempts: 3, health_check_timeout: 3 },
      },
    });
    await agent.waitForLine(/Database check: 0 process/);
    await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id = 71');
    await agent.waitForLine(/Attempt 1\/3 for never_healthy/);

    // Another agent takes the claim over (as after an expired lease).
    await db.query("UPDATE monitor_claim SET holder = 'other-agent', lease_until = NOW(3) + INTERVAL 1 HOUR WHERE process_id = 71");

    await agent.waitForLine(/Restart procedure for never_healthy stopped: its claim expired and another agent took the alarm over/, 15_000);
    const history = await waitFor(() => historyOf(db, 71), { what: 'the history row to be finished', until: (rows) => rows[0]?.finished_at != null });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ outcome: 'interrupted', attempts: 1 });
    expect(history[0]!.reason).toMatch(/^the claim expired \(not renewed within claim_lease\) and another agent took the alarm over; attempt 1: /);
    expect(agent.output()).not.toMatch(/Attempt 2\/3 for never_healthy/);

    // No verdict: the alarm is kept, the breaker (max_restart_failures = 1) did not open, the claim is the other agent's.
    await agent.waitForLine(/Alarm for never_healthy is being handled by agent other-agent; not acting/);
    expect(await alarmOf(db, 71)).toBe(1);
    expect(agent.output()).not.toMatch(/Circuit breaker opened for never_healthy/);
    const breaker = await db.query<RowDataPacket[]>('SELECT state, failures FROM monitor_circuit_breaker WHERE process_id = 71');
    expect(breaker.map((row) => ({ ...row }))).toEqual([]);
    const claim = await db.query<RowDataPacket[]>('SELECT holder FROM monitor_claim WHERE process_id = 71');
    expect(claim[0]?.holder).toBe('other-agent');
  });
});
