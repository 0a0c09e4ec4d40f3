// 4. Scale of the registry: the agent's own poll (src/db/sql/pollAlarms.ts through the
// agent's pool) with 1,000 / 10,000 / 100,000 registered processes and 10 alarms. Round
// trip per poll (median of many) and InnoDB rows read per poll (Handler_read_* delta),
// with EXPLAIN of the exact statement the agent sends.
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import { createPool, type Pool } from '../src/db/createPool.js';
import type { Database } from '../src/db/Database.js';
import { pollAlarms } from '../src/db/sql/pollAlarms.js';
import type { BenchContext } from './lib/context.js';
import { createDatabase, FIRST_ID, registerProcesses } from './lib/database.js';
import { percentile, round } from './lib/stats.js';

export const ALARMS = 10;

export interface RegistryPoint {
  registered: number;
  alarms: number;
  polls: number;
  medianMs: number;
  p95Ms: number;
  /** InnoDB rows read per poll (Handler_read_* delta, SHOW STATUS's own reads subtracted). */
  rowsReadPerPoll: number;
  explain: Array<Record<string, unknown>>;
}

export interface RegistryResult {
  points: RegistryPoint[];
  /** median at the largest registry / median at the smallest. */
  growth: number;
  indexUsed: boolean;
  sql: string;
}

export async function runRegistryScale(ctx: BenchContext, sizes = ctx.quick ? [1000, 10000] : [1000, 10000, 100000]): Promise<RegistryResult> {
  const points: RegistryPoint[] = [];
  let sql = '';
  for (const registered of sizes) {
    ctx.note(`registry: ${registered} registered, ${ALARMS} alarms`);
    const db = await createDatabase(ctx.server, `bench_registry_${registered}`);
    const pool = createPool(
      { host: 'localhost', port: 3306, socket: db.socket, user: 'root', password: '', password_file: '', database: db.name, connect_timeout: 10 },
      1,
    );
    try {
      await registerProcesses(db, registered, 6);
      const step = Math.floor(registered / ALARMS);
      const ids = Array.from({ length: ALARMS }, (_, i) => FIRST_ID + i * step);
      await db.query('UPDATE STATUS_PROCESS SET alarma = 1 WHERE process_id IN (?)', [ids]);

      // The exact statement the agent sends, captured on its way to the pool (or to a
      // connection taken from it, whichever the agent's runQuery uses).
      const record = (options: unknown): void => {
        sql = typeof options === 'string' ? options : String((options as { sql?: string }).sql ?? '');
      };
      const capturingQuery = <T extends object>(target: T): T =>
        new Proxy(target, {
          get(object, property, receiver) {
            const value = Reflect.get(object, property, receiver) as unknown;
            if (typeof value !== 'function') return value;
            if (property === 'query' || property === 'execute') {
              return (options: unknown, ...rest: unknown[]) => {
                record(options);
                return (value as (...args: unknown[]) => unknown).call(object, options, ...rest);
              };
            }
            if (property === 'getConnection') {
              return async (...args: unknown[]) => capturingQuery(await (value as (...a: unknown[]) => Promise<object>).apply(object, args));
            }
            return (value as (...args: unknown[]) => unknown).bind(object);
          },
        });
      const capturing = capturingQuery(pool);
      const { rows } = await pollAlarms(asDatabase(capturing), EVERY_ALARM);
      if (!/FROM STATUS_PROCESS/.test(sql)) throw new Error(`could not capture the poll statement (got ${JSON.stringify(sql)})`);
      if (rows.length !== ALARMS) throw new Error(`poll returned ${rows.length} rows, expected ${ALARMS}`);

      const polls = ctx.quick ? 100 : 400;
      for (let i = 0; i < 20; i += 1) await pollAlarms(asDatabase(pool), EVERY_ALARM);
      const times: number[] = [];
      for (let i = 0; i < polls; i += 1) {
        const started = performance.now();
        await pollAlarms(asDatabase(pool), EVERY_ALARM);
        times.push(performance.now() - started);
      }
      const rowsReadPerPoll = await rowsRead(pool, 50);
      const explain = (await onConnection(pool, (c) => c.query<RowDataPacket[]>(`EXPLAIN ${sql}`, [EVERY_ALARM.agentGroup, 1])))[0].map((row) => ({
        ...row,
      }));
      points.push({
        registered,
        alarms: ALARMS,
        polls,
        medianMs: round(percentile(times, 50), 3),
        p95Ms: round(percentile(times, 95), 3),
        rowsReadPerPoll: round(rowsReadPerPoll, 1),
        explain,
      });
    } finally {
      await pool.end().catch(() => undefined);
      await db.query(`DROP DATABASE ${db.name}`).catch(() => undefined);
      await db.close();
    }
  }
  const first = points[0];
  const last = points[points.length - 1];
  const statusRow = last?.explain.find((row) => row.table === 's');
  return {
    points,
    growth: first && last ? round(last.medianMs / first.medianMs, 2) : Number.NaN,
    indexUsed: statusRow?.key === 'idx_status_process_alarma',
    sql: sql.trim(),
  };
}

/** A single-host agent: its own group (no process assigned) and the unassigned ones. */
const EVERY_ALARM = { agentGroup: 'bench-host', takeUnassigned: true };

/** The pool's one connection (connectionLimit 1: the same session as the polls). */
async function onConnection<T>(pool: Pool, use: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    return await use(connection);
  } finally {
    connection.release();
  }
}

/** The agent's handle on a pool of this bench (statements time out as with the default connect_timeout). */
const asDatabase = (pool: Pool): Database => ({ pool, queryTimeoutMs: 10_000 });

/** Handler_read_* per poll, on the pool's single connection; SHOW STATUS's own reads subtracted. */
async function rowsRead(pool: Pool, polls: number): Promise<number> {
  const reads = async (): Promise<number> => {
    const [rows] = await onConnection(pool, (c) => c.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Handler_read%'"));
    return rows.reduce((sum, row) => sum + Number(row.Value), 0);
  };
  const a = await reads();
  const b = await reads();
  const showCost = b - a;
  for (let i = 0; i < polls; i += 1) await pollAlarms(asDatabase(pool), EVERY_ALARM);
  const c = await reads();
  return (c - b - showCost) / polls;
}
