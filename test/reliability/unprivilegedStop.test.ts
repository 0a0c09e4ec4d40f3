// The agent run as a non-root user (as the Dockerfile runs it) against an instance it may not
// signal (owned by root): the stop must fail with the reason, and no second instance may be
// started beside the survivor, nor the alarm cleared.
import { spawn } from 'node:child_process';
import { chownSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, writeAgentConfig } from '../support/agentProcess.js';
import { createTestDatabase, mariadbSkipReason, type TestDatabase } from '../support/mariadb.js';
import { makeSleeper, type Sleeper } from '../support/sleeper.js';
import { makeTempDir, removeTempDir } from '../support/tempDir.js';
import { waitFor } from '../support/waitFor.js';
import { alarmOf, historyOf, registerProcess } from '../support/faultKit.js';

const NOBODY = 65534;

/** A TCP port that forwards to the server's socket, whose directory only root may enter. */
function forwardToSocket(socket: string): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(socket);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(mariadbSkipReason())('stopping a process the agent may not signal', () => {
  let db: TestDatabase;
  let dir: string;
  let forwarder: net.Server;
  let sleeper: Sleeper | undefined;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('this test runs the agent as nobody: it must start as root');
    db = await createTestDatabase('unprivileged_stop');
    dir = await makeTempDir('monitor-unprivileged-');
    chownSync(dir, NOBODY, NOBODY);
    forwarder = await forwardToSocket(db.socket);
  });
  afterAll(async () => {
    await sleeper?.killAll();
    await new Promise((resolve) => forwarder?.close(resolve));
    await db?.close();
    await removeTempDir(dir);
  });

  it('fails the attempt with EPERM, starts no second instance and keeps the alarm', async () => {
    sleeper = makeSleeper(dir, 'eperm');
    const rootOwned = spawn(sleeper.binary, ['600'], { detached: true, stdio: 'ignore' });
    rootOwned.unref();
    await waitFor(() => sleeper!.pids().includes(rootOwned.pid ?? -1), { what: 'the root-owned instance to run' });
    await registerProcess(db, 501, sleeper.name, 1);
    const { port } = forwarder.address() as net.AddressInfo;
    const config = writeAgentConfig({
      dir,
      socket: db.socket,
      database: db.name,
      sections: {
        database: { socket: '', host: '127.0.0.1', port },
        [`process.${sleeper.name}`]: {
          restart_strategy: 'process',
          process_launcher: 'detach',
          start_command: sleeper.startCommand,
          stop_timeout: 1,
          max_attempts: 1,
          health_check_timeout: 1,
        },
      },
    });
    chownSync(config, NOBODY, NOBODY);

    const agent = spawn(
      'setpriv',
      [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, AGENT_CLI, '--config', config, '--once'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: dir,
      },
    );
    let output = '';
    agent.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    agent.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => agent.on('exit', resolve));

    expect(output).toContain(`Beginning restart procedure for ${sleeper.name} (strategy: process)`);
    expect(code, output).toBe(1);
    const reason = `could not signal PID ${rootOwned.pid} (EPERM: not permitted; it belongs to another user and the agent is not root)`;
    expect(output).toContain(
      `RESTART LOG: Restart command failed for ${sleeper.name}: ${reason}; ${sleeper.name} not started again beside an instance that is still running`,
    );
    // Exactly the one root-owned instance, untouched.
    expect(sleeper.pids()).toEqual([rootOwned.pid]);
    expect(await alarmOf(db, 501)).toBe(1);
    const history = await historyOf(db, 501);
    expect(history.map((h) => h.outcome)).toEqual(['failure']);
    expect(history[0]?.reason).toContain(reason);
  });
});
