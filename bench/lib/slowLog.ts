// MariaDB's slow query log with long_query_time = 0 records every statement with its
// server-side time and rows examined: the benchmarks' query log.
import { open, stat } from 'node:fs/promises';

export interface LoggedStatement {
  threadId: number;
  queryTimeMs: number;
  rowsExamined: number;
  sql: string;
}

/** Bytes written so far (a window is read from one offset to another). */
export async function logSize(file: string): Promise<number> {
  return (await stat(file).catch(() => ({ size: 0 }))).size;
}

export async function readWindow(file: string, from: number, to: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, to - from));
    await handle.read(buffer, 0, buffer.length, from);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Parses slow-log entries: "# Thread_id: N", "# Query_time: s … Rows_examined: n", then the statement. */
export function parseSlowLog(text: string): LoggedStatement[] {
  const statements: LoggedStatement[] = [];
  let current: LoggedStatement | undefined;
  let sqlLines: string[] = [];
  const finish = (): void => {
    if (current) {
      current.sql = sqlLines
        .filter((line) => !/^SET timestamp=\d+;$/.test(line) && !/^use \S+;$/.test(line))
        .join('\n')
        .trim();
      if (current.sql !== '') statements.push(current);
    }
    current = undefined;
    sqlLines = [];
  };
  for (const line of text.split('\n')) {
    const thread = /^# Thread_id: (\d+)/.exec(line);
    if (thread) {
      finish();
      current = { threadId: Number(thread[1]), queryTimeMs: Number.NaN, rowsExamined: Number.NaN, sql: '' };
      continue;
    }
    const timing = /^# Query_time: ([\d.]+)\s+Lock_time: [\d.]+\s+Rows_sent: \d+\s+Rows_examined: (\d+)/.exec(line);
    if (timing && current) {
      current.queryTimeMs = Number(timing[1]) * 1000;
      current.rowsExamined = Number(timing[2]);
      continue;
    }
    if (line.startsWith('#') || line.startsWith('/usr/sbin/') || line.startsWith('Tcp port') || line.startsWith('Time ')) continue;
    if (current) sqlLines.push(line);
  }
  finish();
  return statements;
}
