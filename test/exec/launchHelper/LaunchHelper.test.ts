// The launch helper as the built agent runs it (dist/…/helperMain.js, a real child
// process): it starts commands detached, reports their PID and exit, holds no secret,
// and a launch it never confirmed is reported, not lost, when it dies.
import { readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LaunchHelper, type LaunchEvents } from '../../../src/exec/launchHelper/LaunchHelper.js';
import { processTreeOf } from '../../../src/process/processTree.js';
import { makeTempDir, removeTempDir } from '../../support/tempDir.js';
import { waitFor } from '../../support/waitFor.js';

const PROGRAM = fileURLToPath(new URL('../../../dist/exec/launchHelper/helperMain.js', import.meta.url));

type Heard = { spawned?: number | undefined; error?: string; exit?: { code: number | null; signal: string | null } };

function listener(): { heard: Heard; events: LaunchEvents } {
  const heard: Heard = {};
  return {
    heard,
    events: {
      spawned: (pid) => (heard.spawned = pid),
      error: (code, message) => (heard.error = code ?? message),
      exit: (code, signal) => (heard.exit = { code, signal }),
    },
  };
}

const statFields = (pid: number): string[] => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

describe('LaunchHelper', () => {
  let helper: LaunchHelper | undefined;
  afterEach(() => helper?.close());

  async function readyHelper(answerTimeoutMs?: number): Promise<LaunchHelper> {
    expect(new LaunchHelper(PROGRAM).available).toBe(true); // npm test builds dist/ first
    helper = new LaunchHelper(PROGRAM, answerTimeoutMs);
    helper.start();
    await waitFor(() => helper!.ready, { what: 'the helper to listen' });
    return helper;
  }

  it('starts a command in a session of its own, reports its PID, then its exit status', async () => {
    const h = await readyHelper();
    const dir = await makeTempDir('launch-helper-');
    try {
      const { heard, events } = listener();
      h.launch('/bin/sh', ['-c', `echo $$ > ${dir}/pid; read x < /dev/zero; sleep 30`], events);
      const pid = (await waitFor(() => heard.spawned, { what: 'the spawned report' }))!;
      const [, ppid, , session] = statFields(pid);
      expect(Number(ppid)).toBe(h.pid); // the helper forked it, not the agent
      expect(Number(session)).toBe(pid); // setsid: it leads its own session
      expect(readlinkSync(`/proc/${pid}/cwd`)).toBe('/');
      process.kill(pid, 'SIGKILL');
      await waitFor(() => heard.exit, { what: 'the exit report' });
      expect(heard.exit).toEqual({ code: null, signal: 'SIGKILL' });

      const failing = listener();
      h.launch('/bin/sh', ['-c', 'exit 3'], failing.events);
      await waitFor(() => failing.heard.exit, { what: 'the exit report' });
      expect(failing.heard.exit).toEqual({ code: 3, signal: null });
    } finally {
      await removeTempDir(dir);
    }
  });

  it('says when the program does not exist', async () => {
    const h = await readyHelper();
    const { heard, events } = listener();
    h.launch('/nonexistent/launcher', [], events);
    expect(await waitFor(() => heard.error, { what: 'the error report' })).toBe('ENOENT');
    expect(heard.spawned).toBeUndefined();
  });

  it('holds no database secret in its environment, nor in the commands it starts', async () => {
    process.env.MYSQL_PWD = 'not-for-commands';
    process.env.MONITOR_TEST_KEPT = 'kept';
    try {
      const h = await readyHelper();
      const environ = readFileSync(`/proc/${h.pid}/environ`, 'utf8');
      expect(environ).not.toContain('MYSQL_PWD');
      const { heard, events } = listener();
      h.launch('/bin/sleep', ['30'], events);
      const pid = (await waitFor(() => heard.spawned, { what: 'the sleeper' }))!;
      try {
        const commandEnviron = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        expect(commandEnviron.some((v) => v.startsWith('MYSQL_PWD='))).toBe(false);
        expect(commandEnviron).toContain('MONITOR_TEST_KEPT=kept'); // the rest of the environment is passed on
      } finally {
        process.kill(pid, 'SIGKILL');
      }
    } finally {
      delete process.env.MYSQL_PWD;
      delete process.env.MONITOR_TEST_KEPT;
    }
  });

  it('tells a launch it never confirmed that it died, and leaves what it started running', async () => {
    const h = await readyHelper();
    const started = listener();
    h.launch('/bin/sleep', ['30'], started.events);
    const sleeper = (await waitFor(() => started.heard.spawned, { what: 'the sleeper' }))!;
    const helperPid = h.pid!;
    const unconfirmed = listener();
    // Stopped before it can read the request: the launch is answered, not left waiting.
    process.kill(helperPid, 'SIGSTOP');
    h.launch('/bin/sleep', ['30'], unconfirmed.events);
    process.kill(helperPid, 'SIGKILL');
    expect(await waitFor(() => unconfirmed.heard.error, { what: 'the report of the lost launch' })).toMatch(/launch helper \(PID \d+\) exited/);
    expect(h.ready).toBe(false);
    expect(processTreeOf(sleeper)).toEqual([sleeper]); // still running, now without the helper
    process.kill(sleeper, 'SIGKILL');
  });

  it('kills a helper that does not answer a launch in time, and fails that launch', async () => {
    const h = await readyHelper(300);
    const helperPid = h.pid!;
    process.kill(helperPid, 'SIGSTOP'); // stuck: it will never read the request
    const { heard, events } = listener();
    h.launch('/bin/sleep', ['30'], events);
    expect(await waitFor(() => heard.error, { what: 'the launch to fail' })).toMatch(/launch helper \(PID \d+\) exited before it reported the start/);
    await waitFor(() => processTreeOf(helperPid).length === 0, { what: 'the stuck helper to be killed' });
    expect(h.ready).toBe(false);
  });

  it('exits when the agent side closes it', async () => {
    const h = await readyHelper();
    const pid = h.pid!;
    h.close();
    expect(processTreeOf(pid)).toEqual([pid]);
    await waitFor(() => processTreeOf(pid).length === 0, { what: 'the helper to exit' });
  });
});
