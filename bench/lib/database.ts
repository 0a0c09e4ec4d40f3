// The benchmarks' private MariaDB: one server per bench run (install-db + mariadbd in a
// temp dir, via the test harness), one database per benchmark, loaded from sql/setup.sql.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { createMariadbServer, destroyMariadbServer, findExecutable, type MariadbServer } from '../../test/support/mariadbServer.js';

export type { MariadbServer };

const SETUP_SQL_PATH = fileURLToPath(new URL('../../sql/setup.sql', import.meta.url));

/** `extraArgs`: more mariadbd arguments (the binlog reaction benchmark's log_bin). */
export async function startServer(extraArgs: readonly string[] = []): Promise<MariadbServer> {
  return createMariadbServer('bench', extraArgs);
}

export async function stopServer(server: MariadbServer): Promise<void> {
  await destroyMariadbServer(server);
}

export interface BenchDatabase {
  name: string;
  socket: string;
  connection: Connection;
  query<T = RowDataPacket[]>(sql: string, params?: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Creates `name` from sql/setup.sql (as an operator would, with the mariadb client) and connects. */
export async function createDatabase(server: MariadbServer, name: string): Promise<BenchDatabase> {
  const sql = (await readFile(SETUP_SQL_PATH, 'utf8')).replace(/\bv_process_monitor\b/g, name);
  const client = await findExecutable('mariadb');
  if (!client) throw new Error('mariadb client not found (Debian package mariadb-client)');
  await execa(client, ['--no-defaults', '-S', server.socket, '-uroot'], { input: sql });
  const connection = await mysql.createConnection({ socketPath: server.socket, user: 'root', database: name });
  return {
    name,
    socket: server.socket,
    connection,
    query: async <T>(text: string, params?: unknown[]) => (await connection.query(text, params))[0] as T,
    close: () => connection.end().catch(() => undefined),
  };
}

/** First registered process id; clear of setup.sql's sample rows (1..5). */
export const FIRST_ID = 1_000_001;

export function processName(index: number, width = 4): string {
  return `mbq${String(index).padStart(width, '0')}`;
}

/**
 * Registers `count` processes (ids FIRST_ID.., names mbq0001..) the way the guide does:
 * STATUS_PROCESS first, then PROCESE. Uses MariaDB's sequence engine: 100,000 rows in ~1 s.
 */
export async function registerProcesses(db: BenchDatabase, count: number, width = 4): Promise<void> {
  const seq = `seq_1_to_${count}`;
  await db.query(`INSERT INTO STATUS_PROCESS (process_id, alarma, sound, notes) SELECT ${FIRST_ID - 1} + seq, 0, 0, 'bench' FROM ${seq}`);
  await db.query(`INSERT INTO PROCESE (process_id, process_name) SELECT ${FIRST_ID - 1} + seq, CONCAT('mbq', LPAD(seq, ${width}, '0')) FROM ${seq}`);
  await db.query('ANALYZE TABLE STATUS_PROCESS, PROCESE');
}

/** Sets alarma = 1 for processes [first, first+count) in one transaction; resolves at COMMIT's return. */
export async function raiseAlarms(db: BenchDatabase, firstIndex: number, count: number): Promise<{ before: number; after: number }> {
  await db.query('START TRANSACTION');
  await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id BETWEEN ? AND ?', [FIRST_ID - 1 + firstIndex, FIRST_ID - 2 + firstIndex + count]);
  const before = performance.timeOrigin + performance.now();
  await db.query('COMMIT');
  const after = performance.timeOrigin + performance.now();
  return { before, after };
}

export async function countAlarms(db: BenchDatabase): Promise<number> {
  const rows = await db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM STATUS_PROCESS WHERE alarma <> 0');
  return Number(rows[0]?.n ?? 0);
}

export async function serverVersion(server: MariadbServer): Promise<string> {
  const connection = await mysql.createConnection({ socketPath: server.socket, user: 'root' });
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT VERSION() AS v');
    return String(rows[0]?.v ?? '');
  } finally {
    await connection.end();
  }
}
