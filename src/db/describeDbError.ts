/**
 * A database error as one line for the log: code and message, never the
 * connection options (which hold the password).
 */
export function describeDbError(error: unknown): string {
  const e = error as { code?: string; errno?: number; sqlMessage?: string; message?: string };
  const text = e.sqlMessage ?? e.message ?? String(error);
  return e.code ? `${e.code}: ${text}` : text;
}
