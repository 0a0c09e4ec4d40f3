import { sleep } from '../../clock/sleep.js';
import type { ProcessSettings } from '../../config/types.js';
import { ManagerLoopTracker } from './ManagerLoopTracker.js';
import type { RestartResult, StateCheck, Strategy } from './Strategy.js';
import type { StrategyEntry } from './StrategyEntry.js';
import { programLogTail, programStatus, programStatusForAuto, restartProgram, supervisorctlSettings, type SupervisorctlSettings } from './supervisorctl.js';
import type { ProgramState, SupervisorAnswer } from './supervisorctlOutput.js';
import { untrustedSupervisorConfig } from './supervisorConfigTrust.js';
import { plainlyUnreachable } from './supervisordSocket.js';
import { ownSupervisorProgram, supervisorProgramName, type ProgramNameCheck, type SupervisorProgram } from './supervisorProgramName.js';

/** States supervisord leaves by itself: a start under way, a retry after a crash, a stop under way. */
const TRANSIENT_STATES: readonly ProgramState[] = ['STARTING', 'BACKOFF', 'STOPPING'];
/** Between two looks at a program that supervisord is still starting or retrying. */
const SETTLE_POLL_MS = 500;

/** The name, and supervisor_config, checked: refused when acting on them could reach beyond one program. */
function checkTarget(name: string, settings: ProcessSettings): ProgramNameCheck {
  const program = supervisorProgramName(name, ownSupervisorProgram());
  if (!program.ok) return program;
  const untrusted = untrustedSupervisorConfig(settings.supervisor_config);
  return untrusted === undefined ? program : { ok: false, reason: untrusted };
}

/** The PID of a RUNNING program ("pid 12, uptime 0:01:02"); undefined in any other state. */
export function runningPid(answer: SupervisorAnswer): number | undefined {
  if (answer.kind !== 'state' || answer.state !== 'RUNNING') return undefined;
  const match = /\bpid (\d+)/.exec(answer.description);
  return match ? Number(match[1]) : undefined;
}

/** One line on what supervisord said, for the log and the history reason. */
function whyNot(program: SupervisorProgram, answer: Exclude<SupervisorAnswer, { kind: 'state' }>): string {
  if (answer.kind === 'unreachable') return `supervisord is not running or not answering (${answer.said})`;
  if (answer.kind === 'unknown-program') return `supervisord has no program ${program} (${answer.said})`;
  return `supervisorctl status ${program}: ${answer.said}`;
}

/**
 * `supervisorctl restart NAME`: supervisord stops the program and starts it
 * again, and waits for it to reach RUNNING (startsecs). Verified by the
 * program's state: RUNNING passes; any other state fails with what
 * supervisord says (FATAL Exited too quickly…) and the end of the program's
 * stderr log (its stdout log when stderr is redirected there), so the
 * history says why. Takes a checked program name
 * (supervisorProgramName), never a raw one.
 */
export function supervisorStrategy(program: SupervisorProgram, settings: ProcessSettings): Strategy {
  const ctl = supervisorctlSettings(settings);
  const loop = new ManagerLoopTracker();

  /** Each answer read after the restart command: supervisord's own restarts are counted (flapping). */
  const observe = (answer: SupervisorAnswer): SupervisorAnswer => {
    if (answer.kind !== 'state') return answer;
    const pid = runningPid(answer);
    if (pid !== undefined) loop.sawProcess(pid);
    if (answer.state === 'BACKOFF') loop.sawBackoff();
    return answer;
  };

  /** supervisord's view of the program, with the end of its log (stderr, else stdout) when it is not RUNNING. */
  async function describe(answer: SupervisorAnswer, signal: AbortSignal): Promise<string> {
    if (answer.kind !== 'state') return whyNot(program, answer);
    const line = `supervisorctl status: ${program} ${answer.state} ${answer.description}`.trimEnd();
    if (answer.state === 'RUNNING') return line;
    const tail = await programLogTail(ctl, program, signal);
    return tail === undefined ? line : `${line}; ${tail.channel} log ends: ${tail.text}`;
  }

  return {
    name: 'supervisor',
    async restart(signal): Promise<RestartResult> {
      const deadline = Date.now() + ctl.timeoutMs;
      loop.reset();
      const answer = await restartProgram(ctl, program, signal);
      const said = `supervisorctl restart ${program}: ${answer.said}`;
      switch (answer.kind) {
        case 'started':
          return { ok: true, detail: said };
        case 'unreachable':
        case 'unknown-program':
          return { ok: false, detail: `${whyNot(program, answer)}; nothing restarted` };
        case 'failed':
          return { ok: false, detail: said };
        case 'start-refused':
          return { ok: false, detail: `${said}; ${await describe(await programStatus(ctl, program, signal), signal)}` };
        case 'did-not-stay-up': {
          // supervisord retries by itself (startretries): wait for where that ends.
          const settled = await waitUntilSettled(ctl, program, deadline, signal, observe);
          if (settled.kind === 'state' && settled.state === 'RUNNING') {
            return { ok: true, detail: `${said}; supervisord's own retry brought it up: ${await describe(settled, signal)}` };
          }
          return { ok: false, detail: `${said}; ${await describe(settled, signal)}` };
        }
      }
    },
    async checkState(signal): Promise<StateCheck> {
      const answer = observe(await programStatus(ctl, program, signal));
      if (answer.kind !== 'state' || answer.state !== 'RUNNING') return { healthy: false, detail: await describe(answer, signal) };
      const pid = runningPid(answer);
      if (pid !== undefined) {
        // RUNNING again, but not the process that passed: it died and supervisord restarted it.
        const replaced = loop.replacedBy(pid, 'supervisord');
        if (replaced !== undefined) return { healthy: false, detail: `${await describe(answer, signal)}: ${replaced}` };
        loop.healthy(pid);
      }
      return { healthy: true, detail: await describe(answer, signal) };
    },
    managerRestarts: () => loop.restarts(),
  };
}

/** The program's status once supervisord has stopped starting or retrying it, or at the deadline. */
async function waitUntilSettled(
  ctl: SupervisorctlSettings,
  program: SupervisorProgram,
  deadline: number,
  signal: AbortSignal,
  observe: (answer: SupervisorAnswer) => SupervisorAnswer,
): Promise<SupervisorAnswer> {
  for (;;) {
    const answer = observe(await programStatus(ctl, program, signal));
    const transient = answer.kind === 'state' && TRANSIENT_STATES.includes(answer.state);
    if (!transient || Date.now() >= deadline || signal.aborted) return answer;
    await sleep(Math.min(SETTLE_POLL_MS, deadline - Date.now()), signal);
  }
}

/**
 * One program at a time: `all`, a whole group, a wildcard and the agent's own
 * program are refused, and so is a supervisor_config others could change.
 * auto uses it when supervisord knows a program of that name; it does not even
 * run supervisorctl when supervisord is plainly not running (supervisordSocket).
 */
export const supervisorEntry: StrategyEntry<'supervisor'> = {
  name: 'supervisor',
  summary: 'supervisorctl restart NAME',
  requires: [],
  build({ name, settings }) {
    const checked = checkTarget(name, settings);
    if (!checked.ok) return Promise.resolve({ ok: false, refused: true, reason: checked.reason });
    return Promise.resolve({ ok: true, strategy: supervisorStrategy(checked.program, settings) });
  },
  async detect({ name, settings }) {
    const checked = checkTarget(name, settings);
    if (!checked.ok) return { kind: 'refused', reason: checked.reason };
    const answer =
      plainlyUnreachable(settings.supervisor_config, process.env.PATH) ?? (await programStatusForAuto(supervisorctlSettings(settings), checked.program));
    switch (answer.kind) {
      case 'not-installed':
        return { kind: 'absent', note: 'supervisorctl not installed', reason: answer.said };
      case 'state':
        return { kind: 'applies', note: `supervisor program ${name} exists (${answer.state})` };
      case 'unknown-program':
        return { kind: 'absent', note: `no supervisor program ${name}`, reason: `supervisord has no program ${name}` };
      case 'unreachable':
        return { kind: 'absent', note: `supervisord not running (${answer.said})`, reason: whyNot(checked.program, answer) };
      case 'failed':
        return { kind: 'absent', note: `supervisorctl status failed (${answer.said})`, reason: whyNot(checked.program, answer) };
    }
  },
};
