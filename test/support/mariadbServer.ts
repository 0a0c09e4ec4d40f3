// Lifecycle of a private MariaDB server (DESIGN.md, "Test harness recipes").
// No vitest imports here: globalSetup (main process) and test files (workers) both use it.
// A server is known by its data directory alone, so any process can stop or restart it.
import { spawn } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import mysql from 'mysql2/promise';
import { findAbandoned, recordOwner } from './ownership.js';
import { isGone, killQuietly } from './processes.js';
import { makeTempDir, removeTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

export interface MariadbServer {
  datadir: string;
  socket: string;
  pidFile: string;
  errorLog: string;
  /** More mariadbd arguments (e.g. --log-bin), kept for every start of this server. */
  extraArgs?: readonly string[];
}

export type StopSignal = 'SIGTERM' | 'SIGKILL';

const DIR_PREFIX = 'monitor-mariadb-';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
// sun_path is 108 bytes; longer socket paths fail with a confusing bind error.
const MAX_SOCKET_PATH = 100;
// mariadbd lives in /usr/sbin, which is not on every PATH.
const EXTRA_BIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** File layout of a server whose data directory is `datadir` (the DESIGN recipe's names). */
export function serverInDatadir(datadir: string): MariadbServer {
  return {
    datadir,
    socket: path.join(datadir, 'sock'),
    pidFile: path.join(datadir, 'pid'),
    errorLog: path.join(datadir, 'err.log'),
  };
}

/** Absolute path of an executable, looked up in PATH and the sbin directories, or undefined. */
export async function findExecutable(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...EXTRA_BIN_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}

/** Why a MariaDB server cannot be run on this machine, or undefined if it can. */
export async function mariadbMissingReason(): Promise<string | undefined> {
  const missing: string[] = [];
  for (const name of ['mariadbd', 'mariadb-install-db', 'mariadb']) {
    if (!(await findExecutable(name))) missing.push(name);
  }
  if (missing.length === 0) return undefined;
  return `${missing.join(', ')} not found (install Debian packages mariadb-server and mariadb-client, or run scripts/setup-dev.sh)`;
}

/**
 * Creates a data directory in a fresh temp dir, starts a server on it and waits until it
 * answers. The calling process owns it: should it die first, reapAbandonedMariadbServers()
 * cleans up after it. `label` goes into the directory name.
 */
export async function createMariadbServer(label = 'run', extraArgs: readonly string[] = []): Promise<MariadbServer> {
  const server = { ...serverInDatadir(await makeTempDir(`${DIR_PREFIX}${label}-`)), extraArgs };
  try {
    await recordOwner(server.datadir, {});
    if (server.socket.length > MAX_SOCKET_PATH) {
      throw new Error(`socket path ${server.socket} is too long for a unix socket; set TMPDIR to a shorter directory`);
    }
    await installDatadir(server);
    await startMariadbServer(server);
    return server;
  } catch (error) {
    await destroyMariadbServer(server);
    throw error;
  }
}

/** Stops the server (SIGTERM, then SIGKILL if it hangs) and deletes its data directory. */
export async function destroyMariadbServer(server: MariadbServer): Promise<void> {
  try {
    await stopMariadbServer(server, 'SIGTERM');
  } finally {
    await removeTempDir(server.datadir);
  }
}

/** Stops servers whose owning process died without stopping them; returns their directories. */
export async function reapAbandonedMariadbServers(): Promise<string[]> {
  const abandoned = await findAbandoned(DIR_PREFIX);
  for (const { dir } of abandoned) await destroyMariadbServer(serverInDatadir(dir));
  return abandoned.map(({ dir }) => dir);
}

async function installDatadir(server: MariadbServer): Promise<void> {
  const installDb = await requireExecutable('mariadb-install-db');
  await execa(installDb, ['--no-defaults', `--datadir=${server.datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root']);
}

/**
 * Starts mariadbd on an existing data directory and waits until it accepts connections.
 * Detached in its own session: it must outlive the worker that started it (a crash test's
 * restart) and must not get the terminal's Ctrl-C before teardown stops it cleanly.
 */
export async function startMariadbServer(server: MariadbServer): Promise<void> {
  const mariadbd = await requireExecutable('mariadbd');
  const child = spawn(mariadbd, serverArguments(server), { detached: true, stdio: 'ignore' });
  child.unref();
  let exited: string | undefined;
  child.once('error', (error) => (exited = `could not be started: ${error.message}`));
  child.once('exit', (code, signal) => (exited = `exited early (code ${code}, signal ${signal})`));
  try {
    // An early exit ends the wait at once instead of polling a dead server for 30 s.
    await waitFor(async () => exited !== undefined || (await canConnect(server.socket)), {
      what: `MariaDB on ${server.socket} to accept connections`,
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 100,
    });
    if (exited !== undefined) throw new Error(`mariadbd ${exited}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${server.errorLog} (tail) ---\n${await errorLogTail(server)}`, { cause: error });
  }
}

function serverArguments(server: MariadbServer): string[] {
  return [
    '--no-defaults',
    `--datadir=${server.datadir}`,
    `--socket=${server.socket}`,
    '--skip-networking',
    '--user=root',
    `--pid-file=${server.pidFile}`,
    `--log-error=${server.errorLog}`,
    ...(server.extraArgs ?? []),
  ];
}

async function canConnect(socketPath: string): Promise<boolean> {
  try {
    const connection = await mysql.createConnection({ socketPath, user: 'root', connectTimeout: 2_000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the server whose pid file is in `server`: SIGTERM waits for a clean shutdown (and
 * escalates to SIGKILL after 30 s); SIGKILL simulates a crash. A server that is not running
 * is not an error, so teardown can always call this.
 */
export async function stopMariadbServer(server: MariadbServer, signal: StopSignal = 'SIGTERM'): Promise<void> {
  const pid = await runningServerPid(server);
  if (pid === undefined) return;
  killQuietly(pid, signal);
  try {
    await waitUntilGone(pid, signal === 'SIGKILL' ? 5_000 : STOP_TIMEOUT_MS);
  } catch (error) {
    if (signal === 'SIGKILL') throw error;
    killQuietly(pid, 'SIGKILL');
    await waitUntilGone(pid, 5_000);
  }
}

/** Pid from the pid file, if that process is alive and really is this server (pids get reused). */
async function runningServerPid(server: MariadbServer): Promise<number | undefined> {
  const text = await readFile(server.pidFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0 || (await isGone(pid))) return undefined;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.includes(`--datadir=${server.datadir}`) ? pid : undefined;
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  await waitFor(() => isGone(pid), { what: `mariadbd (pid ${pid}) to exit`, timeoutMs, intervalMs: 50 });
}

async function requireExecutable(name: string): Promise<string> {
  const found = await findExecutable(name);
  if (!found) throw new Error((await mariadbMissingReason()) ?? `${name} not found`);
  return found;
}

async function errorLogTail(server: MariadbServer): Promise<string> {
  const text = await readFile(server.errorLog, 'utf8').catch(() => '(no error log)');
  return text.split('\n').slice(-20).join('\n');
}
