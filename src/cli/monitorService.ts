#!/usr/bin/env node
// The command line: parses argv, calls a command, exits with its status (runProgram).
import { runAgent } from '../commands/runAgent.js';
import { configFileOf, createProgram } from './createProgram.js';
import { runProgram } from './runProgram.js';

let result: Promise<number> | number = 0;
const program = createProgram('monitor_service', 'Restarts processes that the v_process_monitor database marks in alarm');

program
  .command('run', { isDefault: true })
  .description('run the agent (the default)')
  .option('--once', 'run one poll cycle, wait for its restarts, exit 0 only if every alarm was cleared')
  .option('--check-config', 'validate the configuration, print the resolved settings and exit')
  .action(async (opts: { once?: boolean; checkConfig?: boolean }) => {
    const file = configFileOf(program);
    // --check-config's code (binlog and privilege checks) is loaded only for it: the agent starts sooner.
    if (opts.checkConfig) result = (await import('../commands/checkConfig.js')).checkConfig(file);
    else result = runAgent({ configFile: file, once: Boolean(opts.once) });
  });

program
  .command('status')
  .description('show processes, alarms, circuit breakers, recent restarts and running agents')
  .option('--all', 'list every process (default: one screen, those in alarm or with an open breaker first)')
  .option('--json', 'print it as JSON (field names in the man page)')
  .action(async (opts: { all?: boolean; json?: boolean }) => {
    const file = configFileOf(program);
    const { showStatus } = await import('../commands/showStatus.js');
    result = showStatus(file, { all: Boolean(opts.all), json: Boolean(opts.json) });
  });

// The agent's own options belong to `run`, the default command: show them on the first help screen too.
program.addHelpText(
  'after',
  `
Options of run (the default command):
  --check-config       validate the configuration, print the resolved settings and exit
  --once               run one poll cycle, wait for its restarts, exit 0 only if every alarm was cleared

See man monitor_service(8); test-alarm(8) and simple-test(8) put processes in alarm to test it.`,
);

program
  .command('notify-test')
  .description('send a test notification on every channel of [notify] and print what happened on each')
  .action(async () => {
    const file = configFileOf(program);
    const { notifyTest } = await import('../commands/notifyTest.js');
    result = notifyTest(file);
  });

runProgram(program, () => result);
