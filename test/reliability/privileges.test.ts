// sql/grants.sql: the least-privilege account the agent runs as. Loaded (twice) into a
// real MariaDB, the built agent runs a whole alarm → restart → clear cycle as that user,
// and the same user is refused everything else (notes, PROCESE writes, DDL).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import mysql, { type Connection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, startAgent } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, runSqlScript, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';

const GRANTS_SQL = fileURLToPath(new URL('../../sql/grants.sql', import.meta.url));

describe.skipIf(mariadbSkipReason())('sql/grants.sql', () => {
  let dir: string;
  let db: TestDatabase;
  // A user name of this run's own, so parallel runs on one server cannot collide.
  const user = `ms_${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  let connection: Connection | undefined;

  /** grants.sql as an operator loads it, aimed at the test database and user. */
  async function loadGrants(): Promise<void> {
    const sql = (await readFile(GRANTS_SQL, 'utf8'))
      .replace(/\bv_process_monitor\b/g, db.name)
      .replace(/'monitor_service'@'localhost'/g, `'${user}'@'localhost'`)
      .replace(/''monitor_service''@''localhost''/g, `''${user}''@''localhost''`);
    const statements = sql
      .split('\n')
      .filter((line) => !line.startsWith('--'))
      .join('\n');
    expect(statements).not.toMatch(/monitor_service/);
    await runSqlScript(sql, db.socket);
  }

  const connectAsAgent = (pw: string): Promise<Connection> => mysql.createConnection({ socketPath: db.socket, user, password: pw, database: db.name });

  /** The account as the documented steps leave it (grants loaded, password set), for any test run alone. */
  async function agentAccount(): Promise<Connection> {
    if (!connection) {
      await loadGrants();
      await db.query(`ALTER USER '${user}'@'localhost' IDENTIFIED BY '${password}'`);
      connection = await connectAsAgent(password);
    }
    return connection;
  }

  beforeAll(async () => {
    dir = await makeTempDir('monitor-privileges-');
    db = await createTestDatabase('privileges');
  });
  afterAll(async () => {
    await connection?.end().catch(() => undefined);
    await db?.query(`DROP USER IF EXISTS '${user}'@'localhost'`).catch(() => undefined);
    await db?.close();
    await removeTempDir(dir);
  });

  it('creates an account nobody can log into until the administrator sets its password', async () => {
    await connection?.end();
    connection = undefined;
    await db.query(`DROP USER IF EXISTS '${user}'@'localhost'`);
    await loadGrants();
    await expect(connectAsAgent('')).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    await expect(connectAsAgent('Aa1!')).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    // The documented step.
    await db.query(`ALTER USER '${user}'@'localhost' IDENTIFIED BY '${password}'`);
    // Loading it again changes neither the password nor the grants.
    const grantsBefore = await db.query<RowDataPacket[]>(`SHOW GRANTS FOR '${user}'@'localhost'`);
    await loadGrants();
    const grantsAfter = await db.query<RowDataPacket[]>(`SHOW GRANTS FOR '${user}'@'localhost'`);
    expect(grantsAfter).toEqual(grantsBefore);
    connection = await connectAsAgent(password);

    // Exactly these grants: USAGE globally (no privilege), then table and column grants.
    const text = grantsAfter.map((row) => String(Object.values(row)[0])).sort();
    const usage = text.filter((g) => g.startsWith('GRANT USAGE ON *.*'));
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatch(new RegExp(`^GRANT USAGE ON \\*\\.\\* TO \`${user}\`@\`localhost\` IDENTIFIED BY PASSWORD`));
    const tableGrants = text.filter((g) => !g.startsWith('GRANT USAGE')).map((g) => g.replace(/ TO .*/, ''));
    expect(tableGrants).toEqual(
      [
        `GRANT SELECT ON \`${db.name}\`.\`PROCESE\``,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.\`monitor_agent\``,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.\`monitor_circuit_breaker\``,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.\`monitor_claim\``,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.\`monitor_restart_history\``,
        `GRANT SELECT, UPDATE (\`alarma\`) ON \`${db.name}\`.\`STATUS_PROCESS\``,
      ].sort(),
    );
  });

  it('is enough for the agent: alarm → restart → clear → notification as that user, no database error', async () => {
    await agentAccount();
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (41, 1, 0, 'operator note')");
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (41, 'granted_proc')");
    const passwordFile = path.join(dir, 'db_password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    const agent = startAgent({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        database: { user, password: '', password_file: passwordFile },
        'process.default': {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: 'true',
          health_check_command: 'true',
          notify_on: 'all',
        },
        // The outbox is written in the outcome's transaction and read by the delivery: both as that user.
        notify: { notify_command: `cat > ${path.join(dir, 'notified.json')}`, digest_window: 0 },
      },
    });
    try {
      await agent.waitForLine(/Alarm cleared for granted_proc \(ID: 41\)/);
      // Let the procedure write its outcome and release its claim as that user, too.
      await waitFor(() => db.query<RowDataPacket[]>("SELECT 1 FROM monitor_restart_history WHERE process_id = 41 AND outcome = 'success'"), {
        what: 'the success row',
        until: (rows) => rows.length === 1,
      });
      await waitFor(() => db.query<RowDataPacket[]>("SELECT 1 FROM monitor_claim WHERE process_id = 41 AND holder <> ''"), {
        what: 'the claim released',
        until: (rows) => rows.length === 0,
      });
      await agent.waitForLine(/Database check: 0 process\(es\) in alarm/);
      await agent.waitForLine(/Sent 1 notification\(s\) by command/);
      expect(readFileSync(path.join(dir, 'notified.json'), 'utf8')).toContain('granted_proc was restarted and its alarm cleared');
    } finally {
      expect(await agent.stop()).toBe(0);
    }
    expect(agent.output()).not.toMatch(/denied|ER_[A-Z_]+/i);
    // (A poll cut short by SIGTERM may log "This operation was aborted"; nothing else.)
    expect(agent.lines.filter((l) => /Database error/.test(l) && !/This operation was aborted/.test(l))).toEqual([]);
    const [row] = await db.query<RowDataPacket[]>('SELECT alarma, notes FROM STATUS_PROCESS WHERE process_id = 41');
    expect(row).toMatchObject({ alarma: 0, notes: 'operator note' });
    const history = await db.query<Array<{ outcome: string; agent_id: string }>>('SELECT outcome, agent_id FROM monitor_restart_history WHERE process_id = 41');
    expect(history.map((h) => h.outcome)).toEqual(['success']);
    const [registered] = await db.query<RowDataPacket[]>('SELECT stopped_at FROM monitor_agent');
    expect(registered?.stopped_at).not.toBeNull();

    // `monitor_service status` reads with the same account.
    const status = await execa(process.execPath, [AGENT_CLI, '--config', agent.configFile, 'status'], { reject: false, timeout: 20_000 });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/granted_proc/);
  });

  it('an account from an older grants.sql (no monitor_notification): restarts and outcomes go on, the agent says so once', async () => {
    await agentAccount();
    await db.query(`REVOKE ALL PRIVILEGES ON \`${db.name}\`.monitor_notification FROM '${user}'@'localhost'`);
    try {
      await db.query('INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (42, 1, 0, NULL)');
      await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (42, 'ungranted_proc')");
      const passwordFile = path.join(dir, 'db_password_old');
      writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      const agent = startAgent({
        dir,
        socket: db.socket,
        database: db.name,
        sections: {
          database: { user, password: '', password_file: passwordFile },
          'process.default': { restart_strategy: 'process', process_launcher: 'detach', start_command: 'true', health_check_command: 'true', notify_on: 'all' },
          notify: { notify_command: 'cat > /dev/null', digest_window: 0 },
        },
      });
      try {
        await agent.waitForLine(/may not use the table monitor_notification: re-run sql\/grants\.sql/);
        await waitFor(() => db.query<RowDataPacket[]>("SELECT 1 FROM monitor_restart_history WHERE process_id = 42 AND outcome = 'success'"), {
          what: 'the outcome recorded without its notification',
          until: (rows) => rows.length === 1,
        });
        await agent.waitForLine(/Database check: 0 process\(es\) in alarm/);
      } finally {
        await agent.stop();
      }
      expect(agent.count(/may not use the table monitor_notification/)).toBe(1);
    } finally {
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.name}\`.monitor_notification TO '${user}'@'localhost'`);
    }
  });

  it('refuses that user everything else: notes, PROCESE writes, other columns, DDL', async () => {
    const c = await agentAccount();
    // A row of its own, so that this test does not depend on what the others left.
    await db.query("INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) VALUES (42, 1, 0, 'operator note')");
    await db.query("INSERT INTO PROCESE (process_id, process_name) VALUES (42, 'refused_proc')");
    const refused = async (sql: string): Promise<string> => {
      const error = (await c.query(sql).then(
        () => undefined,
        (e: unknown) => e,
      )) as { code?: string } | undefined;
      expect(error, `${sql} should be refused`).toBeDefined();
      return String(error?.code);
    };
    expect(await refused("UPDATE STATUS_PROCESS SET notes = 'changed' WHERE process_id = 42")).toBe('ER_COLUMNACCESS_DENIED_ERROR');
    expect(await refused('UPDATE STATUS_PROCESS SET sound = 1 WHERE process_id = 42')).toBe('ER_COLUMNACCESS_DENIED_ERROR');
    expect(await refused('INSERT INTO STATUS_PROCESS (process_id, alarma) VALUES (99, 1)')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('DELETE FROM STATUS_PROCESS')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused("INSERT INTO PROCESE (process_id, process_name) VALUES (99, 'x')")).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused("UPDATE PROCESE SET process_name = 'x'")).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('DELETE FROM PROCESE')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('DROP TABLE monitor_claim')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('DROP TABLE STATUS_PROCESS')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('CREATE TABLE sneaky (id INT)')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('ALTER TABLE monitor_claim ADD COLUMN x INT')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('TRUNCATE TABLE monitor_restart_history')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('CREATE INDEX i ON monitor_claim (holder)')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused('SELECT * FROM mysql.user')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await refused(`CREATE DATABASE ${db.name}_x`)).toBe('ER_DBACCESS_DENIED_ERROR');
    expect(await refused(`GRANT SELECT ON ${db.name}.PROCESE TO '${user}'@'localhost'`)).toMatch(/DENIED/);
    // Still allowed: exactly what the agent does.
    const [cleared] = await c.query<ResultSetHeader>('UPDATE STATUS_PROCESS SET alarma = 0 WHERE process_id = 42 AND alarma = 1');
    expect(cleared.affectedRows).toBe(1);
    const [rows] = await c.query<RowDataPacket[]>('SELECT notes FROM STATUS_PROCESS WHERE process_id = 42');
    expect(rows[0]?.notes).toBe('operator note');
  });
});
