import type { Config, DatabaseSettings } from '../config/types.js';
import { openDatabase, type Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';

/** Where the tools connect, for messages: never the password. */
export function describeDatabase(db: DatabaseSettings): string {
  const where = db.socket !== '' ? `socket ${db.socket}` : `${db.host}:${db.port}`;
  return `database ${db.database} on ${where} as ${db.user}`;
}

/**
 * One line for a failed database operation, naming where it went. The
 * password is cut out in case a driver message ever echoes it.
 */
export function describeDatabaseFailure(db: DatabaseSettings, error: unknown): string {
  const text = `cannot use ${describeDatabase(db)}: ${describeDbError(error)}`.replace(/\s*\n\s*/g, ' ');
  return db.password === '' ? text : text.split(db.password).join('********');
}

/** A small handle for a command-line tool; statements time out like the agent's. */
export function openToolDatabase(config: Config): Database {
  return openDatabase(config.database, 2);
}
