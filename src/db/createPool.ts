import mysql from 'mysql2/promise';
import type { DatabaseSettings } from '../config/types.js';

export type Pool = mysql.Pool;

/**
 * A small pool, tuned against the pitfalls seen in mysql2's tracker: idle
 * connections are dropped well before a server's wait_timeout, TCP keepalive
 * notices dead peers, and no connection is held across poll cycles.
 */
export function createPool(db: DatabaseSettings, connectionLimit: number): Pool {
  const pool = mysql.createPool({
    ...(db.socket !== '' ? { socketPath: db.socket } : { host: db.host, port: db.port }),
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
