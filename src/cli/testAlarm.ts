#!/usr/bin/env node
// test-alarm: the user guide's test_alarm.sh. Parses argv, runs the command,
// exits with its status (runProgram).
import { testAlarm, type TestAlarmCommand } from '../commands/testAlarm.js';
import { configFileOf, createProgram } from './createProgram.js';
import { runProgram } from './runProgram.js';

let chosen: TestAlarmCommand = { kind: 'menu' };
const program = createProgram('test-alarm', 'Put monitored processes in alarm (and back) to test monitor_service; with no command, an interactive menu').action(
  () => undefined,
);

program
  .command('list')
  .description('show every process: alarm, breaker, last restart')
  .option('--json', 'print it as JSON (field names in the man page)')
  .action((opts: { json?: boolean }) => {
    chosen = { kind: 'list', json: Boolean(opts.json) };
  });
program
  .command('set')
  .argument('<process>', 'process id or name')
  .description('set one process in alarm (alarma = 1)')
  .action((target: string) => {
    chosen = { kind: 'set', target };
  });
program
  .command('set-all')
  .description('set every registered process in alarm')
  .action(() => {
    chosen = { kind: 'set-all' };
  });
program
  .command('reset-all')
  .description('clear every alarm')
  .action(() => {
    chosen = { kind: 'reset-all' };
  });
program
  .command('assign')
  .argument('<process>', 'process id or name')
  .argument('<host>', "the agent_group (default: host name) of the agents that handle it; '' = unassigned")
  .description('assign a process to a host in monitor_process_host (several hosts, one database)')
  .action((target: string, host: string) => {
    chosen = { kind: 'assign', target, host };
  });

runProgram(program, () => testAlarm(configFileOf(program), chosen));
