import mysql from 'mysql2/promise';
import type { DatabaseSettings } from '../config/types.js';
import { isServerUnusable } from './classifyDbError.js';
import { parseDatabaseHosts, type DatabaseHost } from './databaseHosts.js';

/** What the agent needs of a pool: connections, an end, and a way to say a server failed us. */
export interface Pool {
  getConnection(): Promise<mysql.PoolConnection>;
  end(): Promise<void>;
  /** The statement on `connection` failed because of its server (see isServerUnusable): use the next server from now on. */
  serverFailed?(connection: mysql.PoolConnection): void;
}

/**
 * The connection pool. With several servers in `[database] host` (a cluster),
 * one small pool per server: connections come from the current server until it
 * cannot be reached or refuses work, then from the next one in the list, which
 * stays current until it fails in turn (no flapping back).
 */
export function createPool(db: DatabaseSettings, connectionLimit: number): Pool {
  if (db.socket !== '') return singlePool(db, connectionLimit, { socketPath: db.socket });
  const parsed = parseDatabaseHosts(db.host, db.port);
  // validateConfig refuses an invalid list; a handle built without it gets the host as written.
  const hosts: DatabaseHost[] = parsed.ok ? parsed.hosts : [{ host: db.host, port: db.port }];
  if (hosts.length === 1) return singlePool(db, connectionLimit, hosts[0]!);
  return new FailoverPool(hosts.map((host) => serverPool(db, connectionLimit, host)));
}

function singlePool(db: DatabaseSettings, connectionLimit: number, where: { socketPath: string } | DatabaseHost): Pool {
  return serverPool(db, connectionLimit, where);
}

class FailoverPool implements Pool {
  private current = 0;
  private readonly serverOf = new WeakMap<mysql.PoolConnection, number>();

  constructor(private readonly pools: mysql.Pool[]) {}

  async getConnection(): Promise<mysql.PoolConnection> {
    let lastError: unknown;
    for (let step = 0; step < this.pools.length; step++) {
      const index = (this.current + step) % this.pools.length;
      try {
        const connection = await this.pools[index]!.getConnection();
        this.current = index;
        this.serverOf.set(connection, index);
        return connection;
      } catch (error) {
        if (!isServerUnusable(error)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  serverFailed(connection: mysql.PoolConnection): void {
    const index = this.serverOf.get(connection);
    if (index === this.current) this.current = (index + 1) % this.pools.length;
  }

  async end(): Promise<void> {
    await Promise.allSettled(this.pools.map((pool) => pool.end()));
  }
}

/**
 * A small pool, tuned against the pitfalls seen in mysql2's tracker: idle
 * connections are dropped well before a server's wait_timeout, TCP keepalive
 * notices dead peers, and no connection is held across poll cycles.
 */
function serverPool(db: DatabaseSettings, connectionLimit: number, where: { socketPath: string } | DatabaseHost): mysql.Pool {
  const pool = mysql.createPool({
    ...where,
    user: db.user,
    password: db.password,
    database: db.database,
    connectionLimit,
    maxIdle: Math.max(1, Math.min(2, connectionLimit - 1)),
    idleTimeout: 60_000,
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
    connectTimeout: db.connect_timeout * 1000,
    multipleStatements: false,
    waitForConnections: true,
    queueLimit: 0,
    // DATETIME values are read and written as the server's own clock says.
    timezone: 'local',
    dateStrings: false,
    supportBigNumbers: true,
    // No caller stack captured for every statement (a tenth of mysql2's time in a burst):
    // errors are described by their code and message (describeDbError), never their stack.
    trace: false,
  });
  // A row or table lock held by another session makes the server itself give
  // up before our client-side query timeout does: the statement then fails
  // cleanly (1205) and is not applied later behind our back.
  const lockWaitSeconds = Math.max(1, Math.floor(db.connect_timeout / 2));
  // The core pool emits the callback-style connection (the promise typings say otherwise).
  pool.pool.on('connection', (connection) => {
    connection.query(`SET SESSION innodb_lock_wait_timeout = ${lockWaitSeconds}, SESSION lock_wait_timeout = ${lockWaitSeconds}`, () => undefined);
  });
  return pool;
}
