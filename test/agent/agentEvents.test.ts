// The agent's typed events, from a real Agent against the real MariaDB with
// real processes: what a subscriber (notifications, metrics, a status page)
// will see, and that a broken or stuck subscriber changes nothing.
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, openAgentDatabase } from '../../src/agent/Agent.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import type { AgentEvent } from '../../src/events/AgentEvent.js';
import { createLogger, type Logger } from '../../src/log/createLogger.js';
import { writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, historyOf, makeSleeper, registerProcess, type Sleeper } from '../support/faultKit.js';

/** An in-process agent on `socket`, every event recorded. */
function agentOn(dir: string, db: TestDatabase, socket: string, sections: Record<string, Record<string, string | number>>) {
  const config = loadConfig(writeAgentConfig({ dir, socket, database: db.name, sections }));
  const log: Logger = createLogger(config.logging, { console: false });
  const agent = new Agent(config, openAgentDatabase(config.database, config.monitor.max_parallel_restarts), log, { version: 'test' });
  const events: AgentEvent[] = [];
  agent.events.onAny('recorder', (event) => {
    events.push(event);
  });
  return { agent, log, events, logText: () => readFileSync(config.logging.log_file, 'utf8') };
}

const ofProcess = (events: AgentEvent[], id: number) => events.filter((e) => 'processId' in e && e.processId === id).map((e) => e.type);

describe.skipIf(mariadbSkipReason())('agent events', () => {
  let db: TestDatabase;
  let dir: string;
  let sleeper: Sleeper;

  beforeAll(async () => {
    db = await createTestDatabase('events');
    dir = await makeTempDir();
    sleeper = makeSleeper(dir, 'evt');
  });
  afterAll(async () => {
    await sleeper?.killAll();
    await db?.close();
    await removeTempDir(dir);
  });

  it('tells a restart, a failure that opens the breaker and a rejected alarm; broken subscribers change nothing', async () => {
    await registerProcess(db, 11, sleeper.name, 1);
    await registerProcess(db, 12, 'never_starts', 1);
    await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (13, 1, 0, NULL)'); // no PROCESE row
    const { agent, log, events, logText } = agentOn(dir, db, db.socket, {
      monitor: { max_restart_failures: 1 },
      'process.default': { max_attempts: 1, health_check_timeout: 0.5 },
      [`process.${sleeper.name}`]: { restart_strategy: 'process', start_command: sleeper.startCommand },
      'process.never_starts': { restart_strategy: 'process', start_command: 'true' },
    });
    agent.events.onAny('throwing', () => {
      throw new Error('subscriber bug');
    });
    agent.events.onAny('stuck', () => new Promise<void>(() => undefined));

    try {
      await agent.runOnce();
    } finally {
      await agent.stop();
      await log.close();
    }

    expect(events[0]).toEqual({ type: 'agent.started', agentId: expect.any(String) as string, version: 'test' });
    expect(ofProcess(events, 11)).toEqual(['alarm.seen', 'procedure.started', 'alarm.cleared', 'procedure.finished']);
    expect(events).toContainEqual({
      type: 'procedure.finished',
      processId: 11,
      name: sleeper.name,
      strategy: 'process',
      outcome: 'success',
      attempts: 1,
      reason: expect.any(String) as string,
    });
    expect(ofProcess(events, 12)).toEqual(['alarm.seen', 'procedure.started', 'breaker.opened', 'procedure.finished']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'procedure.finished', processId: 12, outcome: 'failure', attempts: 1 }));
    expect(ofProcess(events, 13)).toEqual(['alarm.rejected']);
    expect(events.at(-1)).toEqual({ type: 'agent.stopping', agentId: expect.any(String) as string, proceduresRunning: 0 });

    // The throwing subscriber was reported once at WARNING (then at DEBUG); the work was done regardless.
    expect(await alarmOf(db, 11)).toBe(0);
    expect((await historyOf(db, 12)).map((row) => row.outcome)).toEqual(['failure']);
    const reported = logText()
      .split('\n')
      .filter((line) => line.includes('WARNING - Event subscriber throwing failed'));
    expect(reported).toHaveLength(1);
    // The log subscriber itself never failed (it returns what winston returns, not a promise).
    expect(logText()).not.toMatch(/Event subscriber log failed/);
    expect(reported[0]).toMatch(/ - WARNING - Event subscriber throwing failed on agent\.started: subscriber bug/);
  });

  it('tells one database.lost and one database.restored per outage', async () => {
    // The agent connects through a socket path that does not exist yet, then appears.
    const link = path.join(dir, 'mysqld.sock');
    rmSync(link, { force: true });
    const { agent, log, events } = agentOn(dir, db, link, { database: { connect_timeout: 1 } });
    const running = agent.run();
    try {
      await waitFor(() => events.filter((e) => e.type === 'database.lost').length, { what: 'database.lost', until: (n) => n === 1, timeoutMs: 10_000 });
      symlinkSync(db.socket, link);
      await waitFor(() => events.some((e) => e.type === 'agent.started'), { what: 'agent.started', until: Boolean, timeoutMs: 15_000 });
    } finally {
      await agent.stop();
      await running;
      await log.close();
    }
    const database = events.filter((e) => e.type.startsWith('database.'));
    expect(database).toEqual([
      { type: 'database.lost', what: 'register agent', detail: expect.stringMatching(/ENOENT/) as string },
      { type: 'database.restored', downForMs: expect.any(Number) as number },
    ]);
  });
});
