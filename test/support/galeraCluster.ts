// A real 3-node MariaDB Galera cluster on 127.0.0.1 (DESIGN.md, "Galera"): node 1
// bootstraps, the others join one at a time by rsync SST. The nodes run as the mysql
// user (rsync SST drops to nobody and fails under root), each in its own directory of
// one temp dir that the calling process owns (ownership.ts: a killed run's cluster is
// stopped by the next one). No vitest imports: usable from setup and test files.
import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import mysql from 'mysql2/promise';
import { findExecutable } from './mariadbServer.js';
import { findAbandoned, recordOwner } from './ownership.js';
import { isGone, killQuietly } from './processes.js';
import { makeTempDir, removeTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

const DIR_PREFIX = 'monitor-galera-';
const PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const SYNC_TIMEOUT_MS = 90_000;
/** The account the tests and agents use over TCP (root@localhost only answers on the socket). */
export const GALERA_USER = 'root';

export interface GaleraNode {
  index: number;
  dir: string;
  datadir: string;
  socket: string;
  port: number;
  /** gcomm (group communication) port. */
  gcommPort: number;
  istPort: number;
  sstPort: number;
  pidFile: string;
  errorLog: string;
}

export interface GaleraCluster {
  dir: string;
  nodes: GaleraNode[];
}

/** Why a Galera cluster cannot be run here, or undefined if it can. */
export async function galeraMissingReason(): Promise<string | undefined> {
  const missing: string[] = [];
  for (const name of ['mariadbd', 'mariadb-install-db', 'rsync']) if (!(await findExecutable(name))) missing.push(name);
  if (
    !(await readFile(PROVIDER).then(
      () => true,
      () => false,
    ))
  )
    missing.push(PROVIDER);
  const mysqlUser = await execa('id', ['-u', 'mysql'], { reject: false });
  if (mysqlUser.exitCode !== 0) missing.push('the mysql user');
  if (missing.length === 0) return undefined;
  return `${missing.join(', ')} not found (install Debian packages mariadb-server, galera-4 and rsync, or run scripts/setup-dev.sh)`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts three nodes and waits until all are Synced; about 10-20 s. */
export async function createGaleraCluster(): Promise<GaleraCluster> {
  const dir = await makeTempDir(DIR_PREFIX);
  await chmod(dir, 0o755);
  const cluster: GaleraCluster = { dir, nodes: [] };
  try {
    await recordOwner(dir, {});
    const { uid, gid } = await mysqlIds();
    for (let index = 1; index <= 3; index++) {
      const nodeDir = path.join(dir, `node${index}`);
      const datadir = path.join(nodeDir, 'data');
      await mkdir(datadir, { recursive: true });
      for (const owned of [nodeDir, datadir]) await chown(owned, uid, gid);
      cluster.nodes.push({
        index,
        dir: nodeDir,
        datadir,
        socket: path.join(nodeDir, 'sock'),
        port: await freePort(),
        gcommPort: await freePort(),
        istPort: await freePort(),
        sstPort: await freePort(),
        pidFile: path.join(nodeDir, 'pid'),
        errorLog: path.join(nodeDir, 'err.log'),
      });
    }
    const installDb = (await findExecutable('mariadb-install-db'))!;
    await execa(installDb, [
      '--no-defaults',
      `--datadir=${cluster.nodes[0]!.datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--user=mysql',
    ]);
    await startNode(cluster, cluster.nodes[0]!, { bootstrap: true });
    // root over TCP from 127.0.0.1, replicated to the joiners by their SST.
    await onSocket(cluster.nodes[0]!, async (connection) => {
      await connection.query(`CREATE USER IF NOT EXISTS '${GALERA_USER}'@'127.0.0.1'`);
      await connection.query(`GRANT ALL ON *.* TO '${GALERA_USER}'@'127.0.0.1' WITH GRANT OPTION`);
    });
    for (const node of cluster.nodes.slice(1)) await startNode(cluster, node, { bootstrap: false });
    return cluster;
  } catch (error) {
    await destroyGaleraCluster(cluster);
    throw error;
  }
}

async function mysqlIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await execa('id', ['-u', 'mysql'])).stdout.trim());
  const gid = Number((await execa('id', ['-g', 'mysql'])).stdout.trim());
  return { uid, gid };
}

function nodeArguments(cluster: GaleraCluster, node: GaleraNode, bootstrap: boolean, startPosition?: string): string[] {
  const members = cluster.nodes.map((n) => `127.0.0.1:${n.gcommPort}`).join(',');
  return [
    '--no-defaults',
    `--datadir=${node.datadir}`,
    `--socket=${node.socket}`,
    `--port=${node.port}`,
    '--bind-address=127.0.0.1',
    '--user=mysql',
    `--pid-file=${node.pidFile}`,
    `--log-error=${node.errorLog}`,
    '--skip-name-resolve',
    '--binlog-format=ROW',
    '--innodb-autoinc-lock-mode=2',
    '--innodb-buffer-pool-size=32M',
    // README "Several hosts": reads wait until the node has applied what the cluster committed.
    '--wsrep-sync-wait=1',
    '--wsrep-on=ON',
    `--wsrep-provider=${PROVIDER}`,
    `--wsrep-cluster-address=gcomm://${members}`,
    `--wsrep-node-address=127.0.0.1:${node.gcommPort}`,
    `--wsrep-node-name=node${node.index}`,
    '--wsrep-cluster-name=monitor_test',
    '--wsrep-sst-method=rsync',
    `--wsrep-sst-receive-address=127.0.0.1:${node.sstPort}`,
    // Short failure detection: a killed node is noticed in a few seconds.
    `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${node.gcommPort};ist.recv_addr=127.0.0.1:${node.istPort};evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;gcache.size=64M`,
    ...(bootstrap ? ['--wsrep-new-cluster'] : []),
    ...(startPosition ? [`--wsrep-start-position=${startPosition}`] : []),
  ];
}

/** Starts one node (detached: it must outlive the worker) and waits until it is Synced. */
export async function startNode(cluster: GaleraCluster, node: GaleraNode, options: { bootstrap: boolean; startPosition?: string }): Promise<void> {
  const mariadbd = (await findExecutable('mariadbd'))!;
  const child = spawn(mariadbd, nodeArguments(cluster, node, options.bootstrap, options.startPosition), { detached: true, stdio: 'ignore' });
  child.unref();
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited (code ${code}, signal ${signal})`));
  try {
    await waitFor(async () => exited !== undefined || (await isSynced(node)), {
      what: `Galera node ${node.index} to be Synced`,
      timeoutMs: SYNC_TIMEOUT_MS,
      intervalMs: 200,
    });
    if (exited !== undefined) throw new Error(`Galera node ${node.index} ${exited}`);
  } catch (error) {
    child.kill('SIGKILL');
    const log = await readFile(node.errorLog, 'utf8').catch(() => '(no error log)');
    throw new Error(`${(error as Error).message}\n--- ${node.errorLog} (tail) ---\n${log.split('\n').slice(-30).join('\n')}`, { cause: error });
  }
}

async function onSocket<T>(node: GaleraNode, use: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ socketPath: node.socket, user: 'root', connectTimeout: 2000 });
  try {
    return await use(connection);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** wsrep_ready = ON and the node Synced with the cluster. */
export async function isSynced(node: GaleraNode): Promise<boolean> {
  try {
    return await onSocket(node, async (connection) => {
      const [rows] = await connection.query<mysql.RowDataPacket[]>("SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment')");
      const status = Object.fromEntries(rows.map((row) => [String(row.Variable_name), String(row.Value)]));
      return status.wsrep_ready === 'ON' && status.wsrep_local_state_comment === 'Synced';
    });
  } catch {
    return false;
  }
}

async function nodePid(node: GaleraNode): Promise<number | undefined> {
  const pid = Number.parseInt((await readFile(node.pidFile, 'utf8').catch(() => '')).trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0 || (await isGone(pid))) return undefined;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.includes(`--datadir=${node.datadir}`) ? pid : undefined;
}

/** Stops a node: SIGKILL is a crash (the node then needs --wsrep-recover to rejoin by IST). */
export async function stopNode(node: GaleraNode, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const pid = await nodePid(node);
  if (pid === undefined) return;
  killQuietly(pid, signal);
  await waitFor(() => isGone(pid), { what: `Galera node ${node.index} (pid ${pid}) to exit`, timeoutMs: signal === 'SIGKILL' ? 5000 : 60_000, intervalMs: 50 });
}

/**
 * Brings a node killed with SIGKILL back: --wsrep-recover reads its last committed
 * position from InnoDB, and it rejoins from there (IST, not a full copy).
 */
export async function rejoinNode(cluster: GaleraCluster, node: GaleraNode): Promise<void> {
  const mariadbd = (await findExecutable('mariadbd'))!;
  const recoverLog = path.join(node.dir, 'recover.log');
  await execa(mariadbd, [...nodeArguments(cluster, node, false), '--wsrep-recover', `--log-error=${recoverLog}`], { reject: false });
  const recovered = /Recovered position:\s*(\S+)/.exec(await readFile(recoverLog, 'utf8').catch(() => ''));
  await startNode(cluster, node, { bootstrap: false, ...(recovered ? { startPosition: recovered[1]! } : {}) });
}

/** Stops every node and deletes the cluster's directory; never throws. */
export async function destroyGaleraCluster(cluster: GaleraCluster): Promise<void> {
  await Promise.allSettled(cluster.nodes.map((node) => stopNode(node, 'SIGTERM').catch(() => stopNode(node, 'SIGKILL'))));
  await removeTempDir(cluster.dir);
}

/** Clusters left running by a run that died: stopped (SIGKILL: nothing in them matters). */
export async function reapAbandonedGaleraClusters(): Promise<string[]> {
  const abandoned = await findAbandoned(DIR_PREFIX);
  for (const { dir } of abandoned) {
    for (let index = 1; index <= 3; index++) {
      const nodeDir = path.join(dir, `node${index}`);
      const pid = Number.parseInt((await readFile(path.join(nodeDir, 'pid'), 'utf8').catch(() => '')).trim(), 10);
      const commandLine = Number.isInteger(pid) && pid > 0 ? await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '') : '';
      if (commandLine.includes(`--datadir=${path.join(nodeDir, 'data')}`)) killQuietly(pid, 'SIGKILL');
    }
    await removeTempDir(dir);
  }
  return abandoned.map(({ dir }) => dir);
}

/** A connection to one node over TCP, as the agents connect. */
export function connectToNode(node: GaleraNode, database?: string): Promise<mysql.Connection> {
  return mysql.createConnection({ host: '127.0.0.1', port: node.port, user: GALERA_USER, ...(database ? { database } : {}), connectTimeout: 5000 });
}
