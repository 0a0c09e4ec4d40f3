// Test-file side of the MariaDB harness: one database per test file on the run's shared
// server (started by globalSetup.ts), and stop/start/restart for crash tests.
//
//   const skipReason = mariadbSkipReason();          // throws in CI if there is no server
//   describe.skipIf(skipReason)('poll', () => {
//     let db: TestDatabase;
//     beforeAll(async () => { db = await createTestDatabase('poll'); });
//     afterAll(() => db?.close());
//     it('…', async () => { const rows = await db.query('SELECT 1 AS one'); });
//   });
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { inject, type TestContext } from 'vitest';
import {
  createMariadbServer,
  destroyMariadbServer,
  findExecutable,
  serverInDatadir,
  startMariadbServer,
  stopMariadbServer,
  type MariadbServer,
  type StopSignal,
} from './mariadbServer.js';
import { MARIADB_ENV } from './providedContext.js';
import { skipReasonOrFail } from './skipRule.js';

export type { MariadbServer, StopSignal } from './mariadbServer.js';

export const SETUP_SQL_PATH = fileURLToPath(new URL('../../sql/setup.sql', import.meta.url));
const SHIPPED_DATABASE_NAME = /\bv_process_monitor\b/g;

export interface TestDatabase {
  /** Unique database name, used in place of v_process_monitor. */
  name: string;
  /** Socket of the server holding it (for the agent's `[database] socket`). */
  socket: string;
  /** Runs one statement (placeholders `?`) and returns rows, or a ResultSetHeader for writes. */
  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  /** Closes the connection; the database itself goes away with the server. */
  close(): Promise<void>;
}

interface ServerOption {
  /** Defaults to the run's shared server. */
  server?: MariadbServer;
}

/** Why tests needing MariaDB must skip, or undefined when the shared server is up. Throws in CI. */
export function mariadbSkipReason(): string | undefined {
  return skipReasonOrFail('MariaDB', inject('mariadbSkipReason'));
}

/**
 * Socket of the shared server. When there is none: throws in CI; locally skips the test
 * if given its context (`it('…', (ctx) => { requireMariadb(ctx) })`), else throws the reason.
 */
export function requireMariadb(ctx?: Pick<TestContext, 'skip'>): string {
  const reason = mariadbSkipReason();
  if (reason === undefined) return sharedMariadbServer().socket;
  if (ctx) ctx.skip(reason);
  throw new Error(`MariaDB is unavailable: ${reason}`);
}

/** The run's shared server (from globalSetup), found through inject() or the environment. */
export function sharedMariadbServer(): MariadbServer {
  const datadir = inject('mariadbDatadir') || process.env[MARIADB_ENV.datadir];
  if (!datadir) throw new Error(`no shared MariaDB server: ${inject('mariadbSkipReason') || 'globalSetup did not start one'}`);
  return serverInDatadir(datadir);
}

/** Creates a uniquely named database from sql/setup.sql and connects to it. */
export async function createTestDatabase(prefix: string, options: ServerOption = {}): Promise<TestDatabase> {
  const server = options.server ?? sharedMariadbServer();
  const name = uniqueDatabaseName(prefix);
  await loadSetupSql(name, server.socket);
  const connection = lazyConnection({ socketPath: server.socket, user: 'root', database: name });
  return {
    name,
    socket: server.socket,
    query: (sql, params) => connection.query(sql, params),
    close: () => connection.close(),
  };
}

/**
 * Runs sql/setup.sql against `database` (instead of v_process_monitor) with the mariadb
 * client, as an operator would: the file uses SET/PREPARE, and is meant to be re-runnable.
 */
export async function loadSetupSql(database: string, socket: string): Promise<void> {
  const sql = (await readFile(SETUP_SQL_PATH, 'utf8')).replace(SHIPPED_DATABASE_NAME, database);
  await runSqlScript(sql, socket);
}

/** Feeds a script to `mariadb --no-defaults -S socket -uroot`, which handles multi-statement files. */
export async function runSqlScript(sql: string, socket: string): Promise<void> {
  const client = await findExecutable('mariadb');
  if (!client) throw new Error('mariadb client not found (Debian package mariadb-client)');
  await execa(client, ['--no-defaults', '-S', socket, '-uroot'], { input: sql });
}

/** Stops the server: SIGTERM is a clean shutdown, SIGKILL a crash (stale pid file and socket). */
export async function stopMariadb(options: ServerOption & { signal?: StopSignal } = {}): Promise<void> {
  await stopMariadbServer(options.server ?? sharedMariadbServer(), options.signal ?? 'SIGTERM');
}

/** Starts the server again on the same data directory and socket, and waits until it answers. */
export async function startMariadb(options: ServerOption = {}): Promise<void> {
  await startMariadbServer(options.server ?? sharedMariadbServer());
}

/**
 * Kills the server with `signal` and starts it again. The shared server is shared with the
 * test file running in parallel: crash tests should use startPrivateMariadb() instead.
 */
export async function restartMariadb(options: ServerOption & { signal?: StopSignal } = {}): Promise<void> {
  await stopMariadb(options);
  await startMariadb(options);
}

/**
 * A server of one's own (about 3 s), for tests that crash it or need other server
 * settings (`extraArgs`, e.g. ['--log-bin=binlog', '--binlog-format=ROW']). Pair with destroyPrivateMariadb().
 */
export async function startPrivateMariadb(extraArgs: readonly string[] = []): Promise<MariadbServer> {
  return createMariadbServer('private', extraArgs);
}

export async function destroyPrivateMariadb(server: MariadbServer): Promise<void> {
  await destroyMariadbServer(server);
}

function uniqueDatabaseName(prefix: string): string {
  const readable = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 32);
  return `test_${readable}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

interface LazyConnection {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/**
 * One connection, opened on first use and reopened after the server dropped it, so a test
 * can keep using its database across restartMariadb(). multipleStatements stays off.
 */
function lazyConnection(options: mysql.ConnectionOptions): LazyConnection {
  let current: Promise<Connection> | undefined;

  const forget = (which: Promise<Connection>) => {
    if (current === which) current = undefined;
  };
  const open = (): Promise<Connection> => {
    const opening: Promise<Connection> = mysql.createConnection({ ...options, multipleStatements: false }).then((connection) => {
      // Without a listener, a socket closed by a server restart is an uncaught 'error' event.
      connection.on('error', () => forget(opening));
      return connection;
    });
    opening.catch(() => forget(opening));
    return opening;
  };

  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T> {
      const opening = (current ??= open());
      try {
        const [result] = await (await opening).query(sql, params);
        return result as T;
      } catch (error) {
        if ((error as { fatal?: boolean }).fatal) forget(opening);
        throw error;
      }
    },
    async close(): Promise<void> {
      const closing = current;
      current = undefined;
      await closing?.then((connection) => connection.end()).catch(() => undefined);
    },
  };
}
