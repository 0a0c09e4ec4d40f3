// Runs once per `vitest run`, in the main process: starts the run's one MariaDB server and
// checks that private systemd user and system managers can run, then tells the test files (workers)
// through provide()/inject() and environment variables. Teardown stops the server.
import type { TestProject } from 'vitest/node';
import { createMariadbServer, destroyMariadbServer, mariadbMissingReason, reapAbandonedMariadbServers, type MariadbServer } from './mariadbServer.js';
import { MARIADB_ENV } from './providedContext.js';
import { inCI } from './skipRule.js';
import { reapAbandonedGaleraClusters } from './galeraCluster.js';
import { reapAbandonedSupervisords } from './supervisord.js';
import { reapAbandonedSystemManagers, startSystemManager, systemdSystemMissingReason } from './systemdSystemManager.js';
import { reapAbandonedUserManagers, startUserManager, systemdUserMissingReason } from './systemdUserManager.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await reapAbandoned();
  const [mariadb, systemd, systemdSystem] = await Promise.all([startSharedMariadb(), probeSystemdUserManager(), probeSystemdSystemManager()]);
  const teardown = async () => {
    if (mariadb.ok) await destroyMariadbServer(mariadb.value);
  };

  const unavailable = [
    ...(mariadb.ok ? [] : [`MariaDB: ${mariadb.reason}`]),
    ...(systemd.ok ? [] : [`systemd user manager: ${systemd.reason}`]),
    ...(systemdSystem.ok ? [] : [`systemd system manager: ${systemdSystem.reason}`]),
  ];
  if (unavailable.length > 0 && inCI()) {
    await teardown();
    throw new Error(`CI=true: every integration part must run, and these cannot:\n- ${unavailable.join('\n- ')}`);
  }
  for (const line of unavailable) console.warn(`[test harness] unavailable, dependent tests will skip: ${line}`);

  provideMariadb(project, mariadb);
  project.provide('systemdUserSkipReason', systemd.ok ? '' : systemd.reason);
  project.provide('systemdSystemSkipReason', systemdSystem.ok ? '' : systemdSystem.reason);
  return teardown;
}

/** Leftovers of runs that were killed before their teardown (see ownership.ts). */
async function reapAbandoned(): Promise<void> {
  const reaped = [
    ...(await reapAbandonedMariadbServers()),
    ...(await reapAbandonedUserManagers()),
    ...(await reapAbandonedSystemManagers()),
    ...(await reapAbandonedSupervisords()),
    ...(await reapAbandonedGaleraClusters()),
  ];
  for (const dir of reaped) console.warn(`[test harness] stopped what a dead test run left in ${dir}`);
}

async function startSharedMariadb(): Promise<Outcome<MariadbServer>> {
  const missing = await mariadbMissingReason();
  if (missing) return { ok: false, reason: missing };
  return attempt(() => createMariadbServer('run'));
}

/** Starts and stops one manager (about 1 s, alongside the MariaDB install). */
async function probeSystemdUserManager(): Promise<Outcome<void>> {
  const missing = await systemdUserMissingReason();
  if (missing) return { ok: false, reason: missing };
  return attempt(async () => {
    const manager = await startUserManager();
    await manager.stop();
  });
}

/** Boots and shuts down one private system manager (well under a second). */
async function probeSystemdSystemManager(): Promise<Outcome<void>> {
  const missing = await systemdSystemMissingReason();
  if (missing) return { ok: false, reason: missing };
  return attempt(async () => {
    const manager = await startSystemManager();
    await manager.stop();
  });
}

async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function provideMariadb(project: TestProject, mariadb: Outcome<MariadbServer>): void {
  const server = mariadb.ok ? mariadb.value : undefined;
  project.provide('mariadbSocket', server?.socket ?? '');
  project.provide('mariadbDatadir', server?.datadir ?? '');
  project.provide('mariadbSkipReason', mariadb.ok ? '' : mariadb.reason);
  // Workers are forked after globalSetup and inherit these; so do programs tests spawn.
  if (server) {
    process.env[MARIADB_ENV.socket] = server.socket;
    process.env[MARIADB_ENV.datadir] = server.datadir;
    process.env[MARIADB_ENV.pidFile] = server.pidFile;
  }
}
