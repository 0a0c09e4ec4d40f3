#!/usr/bin/env node
// test-alarm: the user guide's test_alarm.sh. Parses argv, runs the command,
// exits with its status (the only place that calls process.exit).
import { Command, CommanderError } from 'commander';
import { findConfigPath } from '../config/findConfigPath.js';
import { EXIT_USAGE } from '../commands/exitCodes.js';
import { testAlarm, type TestAlarmCommand } from '../commands/testAlarm.js';
import { VERSION } from '../version.js';

async function main(argv: string[]): Promise<number> {
  let chosen: TestAlarmCommand = { kind: 'menu' };
  const program = new Command('test-alarm')
    .description('Put monitored processes in alarm (and back) to test monitor_service; with no command, an interactive menu')
    .version(VERSION)
    .option('-c, --config <file>', 'configuration file (default: $MONITOR_SERVICE_CONFIG, then /opt/monitor_service/config.ini)')
    .exitOverride()
    .action(() => undefined);

  program
    .command('list')
    .description('show every process: alarm, breaker, last restart')
    .action(() => {
      chosen = { kind: 'list' };
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
  for (const command of program.commands) command.exitOverride();

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  const file = findConfigPath(program.opts<{ config?: string }>().config, process.env);
  return testAlarm(file, chosen);
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test-alarm: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
