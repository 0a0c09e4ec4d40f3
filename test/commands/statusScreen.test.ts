import { describe, expect, it } from 'vitest';
import { describeDatabase, describeDatabaseFailure } from '../../src/commands/openDatabase.js';
import { describeNextTrial, formatStatusScreen, summaryLine, type StatusData } from '../../src/commands/statusScreen.js';
import type { DatabaseSettings } from '../../src/config/types.js';
import { processRow } from './processRowFixture.js';

const now = new Date(2024, 4, 1, 12, 0, 0);
const at = (h: number, m: number): Date => new Date(2024, 4, 1, h, m, 0);

describe('describeNextTrial', () => {
  it('is the reset time of an open breaker, or says it is due', () => {
    expect(describeNextTrial({ breaker_state: 'open', breaker_next_trial_at: at(12, 30), db_now: now })).toBe('2024-05-01 12:30:00');
    expect(describeNextTrial({ breaker_state: 'open', breaker_next_trial_at: at(11, 30), db_now: now })).toMatchObject({
      text: '2024-05-01 11:30:00 (due: next alarm gets a trial)',
    });
    expect(describeNextTrial({ breaker_state: 'half_open', breaker_next_trial_at: at(11, 30), db_now: now })).toMatchObject({ text: 'trial in progress' });
    expect(describeNextTrial({ breaker_state: null, breaker_next_trial_at: null, db_now: now })).toBe('-');
  });
});

describe('formatStatusScreen', () => {
  const data: StatusData = {
    database: 'database v_process_monitor on localhost:3306 as monitor',
    dbNow: now,
    checkIntervalSeconds: 300,
    processes: [
      processRow({ alarma: 1, breaker_state: 'open', breaker_failures: 3, breaker_next_trial_at: at(12, 30), db_now: now }),
      processRow({ process_id: 2, process_name: 'mysqld' }),
    ],
    history: new Map([
      [
        1,
        [
          {
            id: 1,
            process_id: 1,
            agent_id: 'a',
            started_at: at(11, 0),
            finished_at: at(11, 1),
            strategy: 'service',
            attempts: 2,
            outcome: 'failure',
            reason: 'boom',
          },
        ],
      ],
    ]),
    agents: [
      {
        agent_id: 'web1',
        agent_group: 'web1',
        hostname: 'web1',
        pid: 42,
        version: '1.0.0',
        started_at: at(9, 0),
        last_poll_at: at(11, 59),
        stopped_at: null,
        db_now: now,
      },
    ],
  };

  it('has the summary, processes, restarts and agents in aligned columns', () => {
    const screen = formatStatusScreen(data);
    expect(summaryLine(data)).toBe('1 process(es) in alarm, 1 circuit breaker(s) open, 1 agent(s) alive');
    expect(screen).toContain('ID  NAME     HOST   ALARM  BREAKER            NEXT TRIAL\n1   apache2  (any)  ALARM  open (3 failures)  2024-05-01 12:30:00\n');
    expect(screen).toContain('1   apache2  2024-05-01 11:00:00  failure  2         boom\n');
    expect(screen).toMatch(/^web1\s+web1\s+web1\s+42\s+1\.0\.0\s+2024-05-01 09:00:00\s+2024-05-01 11:59:00\s+alive$/m);
    expect(screen).not.toContain('\u001b[');
  });

  it('counts the alarms per group, with the live agents of each', () => {
    const screen = formatStatusScreen({
      ...data,
      processes: [
        processRow({ process_id: 1, alarma: 1, assigned_host: 'web1' }),
        processRow({ process_id: 2, alarma: 1, assigned_host: 'web2' }),
        processRow({ process_id: 3, alarma: 1, assigned_host: 'web2' }),
        processRow({ process_id: 4, alarma: 1 }),
        processRow({ process_id: 5, alarma: 0, assigned_host: 'web3' }),
      ],
    });
    const table = screen.slice(screen.indexOf('ALARMS PER GROUP'));
    expect(table).toMatch(/^\(unassigned\)\s+1\s+-$/m);
    expect(table).toMatch(/^web1\s+1\s+1$/m);
    expect(table).toMatch(/^web2\s+2\s+0$/m);
    expect(table).not.toContain('web3');
  });

  it('says so when there are no agents or restarts', () => {
    const screen = formatStatusScreen({ ...data, agents: [], history: new Map() });
    expect(screen).toContain('No restarts recorded yet.');
    expect(screen).toContain('No agent has registered: is monitor_service running?');
  });
});

describe('describeDatabaseFailure', () => {
  const db: DatabaseSettings = {
    host: 'db.example',
    port: 3306,
    socket: '',
    user: 'monitor',
    password: 'hunter2',
    password_file: '',
    database: 'v_process_monitor',
    connect_timeout: 5,
  };
  it('names where it connects, never the password', () => {
    expect(describeDatabase(db)).toBe('database v_process_monitor on db.example:3306 as monitor');
    expect(describeDatabase({ ...db, host: 'db1,db2:3307' })).toBe('database v_process_monitor on db1:3306, db2:3307 (the first that answers) as monitor');
    expect(describeDatabase({ ...db, socket: '/run/mysqld/mysqld.sock' })).toBe('database v_process_monitor on socket /run/mysqld/mysqld.sock as monitor');
    const error = Object.assign(new Error('bad\npassword hunter2 echoed'), { code: 'ER_X' });
    expect(describeDatabaseFailure(db, error)).toBe('cannot use database v_process_monitor on db.example:3306 as monitor: ER_X: bad password ******** echoed');
  });
});
