// The tools' shared frame (status, test-alarm, simple-test) against a real database and a
// real unreachable one: config problems, warnings, failure lines, exit statuses, closing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withToolDatabase, type ToolName } from '../../src/commands/withToolDatabase.js';
import { EXIT_CONFIG, EXIT_FAILURE } from '../../src/commands/exitCodes.js';
import type { Database } from '../../src/db/Database.js';
import { runQuery } from '../../src/db/runQuery.js';
import { writeAgentConfig, type Sections } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';

const STATUS: ToolName = { program: 'monitor_service', command: 'status' };
const TEST_ALARM: ToolName = { program: 'test-alarm' };
const UNREACHABLE_SOCKET = '/nonexistent-monitor-service-test/mysqld.sock';

describe.skipIf(mariadbSkipReason())('withToolDatabase', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('tool_database');
    dir = await makeTempDir('tool-database-');
  });
  afterAll(async () => {
    await db?.close();
    await removeTempDir(dir);
  });

  let configs = 0;
  const configFile = (sections: Sections = {}, socket = db.socket): string =>
    writeAgentConfig({ dir, socket, database: db.name, fileName: `config${++configs}.ini`, sections });

  /** Runs the frame with stderr captured; `use` keeps the handle it was given. */
  async function frame(tool: ToolName, file: string, use: (handle: Database) => Promise<number>) {
    const lines: string[] = [];
    const stderr = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream;
    let handle: Database | undefined;
    const status = await withToolDatabase(tool, file, (given) => use((handle = given)), stderr);
    return { status, stderr: lines.join(''), handle };
  }

  async function expectClosed(handle: Database | undefined): Promise<void> {
    expect(handle).toBeDefined();
    await expect(runQuery(handle!, 'SELECT 1')).rejects.toThrow(/closed/i);
  }

  it("returns the tool's status on success, prints the config warnings first, and closes the handle", async () => {
    const file = configFile({ monitor: { no_such_key: 1 } });
    const result = await frame(TEST_ALARM, file, async (handle) => {
      const rows = await runQuery<Array<{ n: number }>>(handle, 'SELECT COUNT(*) AS n FROM PROCESE');
      return rows[0]!.n > 0 ? 42 : 0;
    });
    expect(result.status).toBe(42);
    expect(result.stderr).toMatch(/^test-alarm: warning: \[monitor\] no_such_key: unknown key, ignored/);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    await expectClosed(result.handle);
  });

  it('a config problem: the problem lines, EXIT_CONFIG, and no database opened', async () => {
    const file = configFile({ monitor: { check_interval: 'soon' } });
    const result = await frame(STATUS, file, () => Promise.resolve(0));
    expect(result.status).toBe(EXIT_CONFIG);
    // Config problems are the program's, not the command's.
    expect(result.stderr).toBe(
      `monitor_service: Invalid configuration in ${file} (1 problem):\n  - [monitor] check_interval = "soon": expected a number from 0.1 to 86400\n`,
    );
    expect(result.handle).toBeUndefined();
  });

  it('an unreachable database: "program command: cannot use …", EXIT_FAILURE, handle closed', async () => {
    const file = configFile({}, UNREACHABLE_SOCKET);
    const result = await frame(STATUS, file, async (handle) => {
      await runQuery(handle, 'SELECT 1');
      return 0;
    });
    expect(result.status).toBe(EXIT_FAILURE);
    expect(result.stderr).toBe(
      `monitor_service status: cannot use database ${db.name} on socket ${UNREACHABLE_SOCKET} as root: ENOENT: connect ENOENT ${UNREACHABLE_SOCKET}\n`,
    );
    await expectClosed(result.handle);
  });

  it('a failing query on a reachable database: one line naming the error, EXIT_FAILURE, handle closed', async () => {
    const file = configFile();
    const result = await frame(TEST_ALARM, file, async (handle) => {
      await runQuery(handle, 'SELECT * FROM no_such_table');
      return 0;
    });
    expect(result.status).toBe(EXIT_FAILURE);
    expect(result.stderr).toBe(
      `test-alarm: cannot use database ${db.name} on socket ${db.socket} as root: ER_NO_SUCH_TABLE: Table '${db.name}.no_such_table' doesn't exist\n`,
    );
    await expectClosed(result.handle);
  });
});
