import type { RowDataPacket } from 'mysql2';
import type { Database } from '../db/Database.js';
import { runQuery } from '../db/runQuery.js';
import type { BinlogReadiness } from './binlogProblems.js';

/** Reads log_bin and binlog_format, and (withGrants) SHOW GRANTS for the connected user. */
export async function readBinlogReadiness(db: Database, withGrants: boolean): Promise<BinlogReadiness> {
  const [variables] = await runQuery<RowDataPacket[]>(db, 'SELECT @@GLOBAL.log_bin AS log_bin, @@GLOBAL.binlog_format AS binlog_format');
  const readiness: BinlogReadiness = {
    logBin: Number(variables?.log_bin) === 1 || String(variables?.log_bin).toUpperCase() === 'ON',
    binlogFormat: String(variables?.binlog_format ?? ''),
  };
  if (!withGrants) return readiness;
  const rows = await runQuery<RowDataPacket[]>(db, 'SHOW GRANTS');
  return { ...readiness, grants: rows.map((row) => String(Object.values(row)[0])) };
}
