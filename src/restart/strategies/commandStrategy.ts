import type { ProcessSettings } from '../../config/types.js';
import { describeResult, runShellCommand, succeeded } from '../../exec/runCommand.js';
import { expandCommand } from '../../process/shellQuote.js';
import type { RestartResult, Strategy } from './Strategy.js';
import type { StrategyEntry } from './StrategyEntry.js';

/**
 * restart_command, with %s the shell-quoted name (docker restart %s,
 * /etc/init.d/%s restart, rc-service %s restart): exit 0 means restarted, and
 * the health check decides the rest. Like every command the agent runs it has
 * command_timeout, and what it leaves in its own process group dies with it: a
 * daemon it starts must have left the group by then (start-stop-daemon
 * --background, docker and OpenRC see to that; `setsid prog &` races the exit).
 */
export function commandStrategy(name: string, settings: ProcessSettings): Strategy {
  return {
    name: 'command',
    async restart(signal): Promise<RestartResult> {
      if (settings.restart_command === '') {
        return { ok: false, detail: `no restart_command configured for ${name} ([process.${name}] or [process.default])` };
      }
      const command = expandCommand(settings.restart_command, name);
      const result = await runShellCommand(command, { timeoutMs: settings.command_timeout * 1000, signal });
      if (succeeded(result)) return { ok: true, detail: `restart_command passed: ${describeResult(result)}` };
      return { ok: false, detail: `restart_command "${command}": ${describeResult(result)}` };
    },
  };
}

/**
 * Needs restart_command. No detection: auto never guesses a command to run, so
 * it is used only when restart_strategy names it.
 */
export const commandEntry: StrategyEntry<'command'> = {
  name: 'command',
  summary: 'run restart_command',
  requires: [{ key: 'restart_command', expected: 'a command that restarts the process' }],
  build({ name, settings }) {
    return Promise.resolve({ ok: true, strategy: commandStrategy(name, settings) });
  },
};
