import type { Config, DatabaseSettings } from '../config/types.js';
import { closeDatabase, type Database } from '../db/Database.js';
import { EXIT_CONFIG, EXIT_FAILURE } from './exitCodes.js';
import { loadConfigOrExplain, printConfigWarnings } from './loadConfigOrExplain.js';
import { describeDatabaseFailure, openToolDatabase } from './openDatabase.js';

/** Who speaks in a tool's messages: "test-alarm", or "monitor_service" with its command "status". */
export interface ToolName {
  program: string;
  /** Added after the program name on the database failure line ("monitor_service status: cannot use …"). */
  command?: string;
}

/** "PROGRAM: cannot use database … : why" on stderr; returns EXIT_FAILURE. */
export function reportDatabaseFailure(tool: ToolName, settings: DatabaseSettings, error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const who = tool.command ? `${tool.program} ${tool.command}` : tool.program;
  stderr.write(`${who}: ${describeDatabaseFailure(settings, error)}\n`);
  return EXIT_FAILURE;
}

/**
 * What every database tool does around its work: load config.ini (a problem:
 * its lines on stderr, EXIT_CONFIG; warnings printed), open a small handle,
 * run `use`, turn a failure into one line and EXIT_FAILURE, and always close
 * the handle.
 */
export async function withToolDatabase(
  tool: ToolName,
  configFile: string,
  use: (db: Database, config: Config) => Promise<number>,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const config = loadConfigOrExplain(tool.program, configFile, stderr);
  if (!config) return EXIT_CONFIG;
  printConfigWarnings(tool.program, config, stderr);
  const db = openToolDatabase(config);
  try {
    return await use(db, config);
  } catch (error) {
    return reportDatabaseFailure(tool, config.database, error, stderr);
  } finally {
    await closeDatabase(db);
  }
}
