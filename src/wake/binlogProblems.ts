/** What the server says about its binary log and our grants. */
export interface BinlogReadiness {
  logBin: boolean;
  binlogFormat: string;
  /** The lines of SHOW GRANTS for the agent's user; undefined when not read (the agent checks the grants by connecting). */
  grants?: readonly string[];
}

const REPLICATION_SLAVE = ['REPLICATION SLAVE', 'REPLICATION REPLICA'];
// MariaDB 10.5+ shows REPLICATION CLIENT as BINLOG MONITOR.
const REPLICATION_CLIENT = ['REPLICATION CLIENT', 'BINLOG MONITOR'];

/** The privileges granted ON *.* (global), upper case; ALL PRIVILEGES stands for all of them. */
function globalPrivileges(grants: readonly string[]): string[] {
  const privileges: string[] = [];
  for (const line of grants) {
    const match = /^GRANT\s+(.+?)\s+ON\s+\*\.\*\s+TO\s/i.exec(line.trim());
    if (match) privileges.push(...match[1]!.split(',').map((p) => p.trim().toUpperCase()));
  }
  return privileges;
}

/**
 * What keeps `wake = binlog` from working, one phrase each (empty: nothing).
 * binlog_row_image does not matter: a row event on the table is all it needs.
 */
export function binlogProblems(readiness: BinlogReadiness): string[] {
  const problems: string[] = [];
  if (!readiness.logBin) problems.push('the server does not write a binary log (log_bin = OFF; start it with log_bin)');
  if (readiness.binlogFormat.toUpperCase() !== 'ROW') problems.push(`binlog_format is ${readiness.binlogFormat}, not ROW`);
  if (readiness.grants) {
    const granted = globalPrivileges(readiness.grants);
    const has = (names: readonly string[]) => granted.includes('ALL PRIVILEGES') || names.some((name) => granted.includes(name));
    if (!has(REPLICATION_SLAVE)) problems.push('the user lacks the REPLICATION SLAVE grant');
    if (!has(REPLICATION_CLIENT)) problems.push('the user lacks the REPLICATION CLIENT grant');
  }
  return problems;
}
