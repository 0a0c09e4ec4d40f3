import { openDatabase, type Database } from '../../src/db/Database.js';
import type { TestDatabase } from './mariadb.js';

/** The agent's own database handle (src/db) on a test database, as root over its socket. */
export function openAgentDatabase(db: TestDatabase, connections = 2): Database {
  return openDatabase(
    { host: '', port: 3306, socket: db.socket, user: 'root', password: '', password_file: '', database: db.name, connect_timeout: 10 },
    connections,
  );
}
