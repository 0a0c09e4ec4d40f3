import type { Config, DatabaseSettings } from '../config/types.js';
import { openDatabase, type Database } from '../db/Database.js';
import { describeDbError } from '../db/describeDbError.js';
import { parseDatabaseHosts } from '../db/databaseHosts.js';

/** "db1:3306" or, for a cluster, "db1:3306, db2:3306 (the first that answers)". */
function serversOf(db: DatabaseSettings): string {
  const parsed = parseDatabaseHosts(db.host, db.port);
  if (!parsed.ok || parsed.hosts.length === 1) return `${parsed.ok ? parsed.hosts[0]!.host : db.host}:${parsed.ok ? parsed.hosts[0]!.port : db.port}`;
  return `${parsed.hosts.map((h) => `${h.host}:${h.port}`).join(', ')} (the first that answers)`;
}

/** Where the tools connect, for messages: never the password. */
export function describeDatabase(db: DatabaseSettings): string {
  const where = db.socket !== '' ? `socket ${db.socket}` : serversOf(db);
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
