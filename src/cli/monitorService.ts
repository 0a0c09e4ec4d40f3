#!/usr/bin/env node
// The command line: parses argv, calls a command, exits with its status.
// This is the only place that calls process.exit.
import { Command, CommanderError } from 'commander';
import { findConfigPath } from '../config/findConfigPath.js';
import { checkConfig } from '../commands/checkConfig.js';
import { EXIT_USAGE } from '../commands/exitCodes.js';
import { runAgent } from '../commands/runAgent.js';
import { VERSION } from '../version.js';

async function main(argv: string[]): Promise<number> {
  let result: Promise<number> | number = 0;
  const program = new Command('monitor_service')
    .description('Restarts processes that the v_process_monitor database marks in alarm')
    .version(VERSION)
    .option('-c, --config <file>', 'configuration file (default: $MONITOR_SERVICE_CONFIG, then /opt/monitor_service/config.ini)')
    .exitOverride();

  program
    .command('run', { isDefault: true })
    .description('run the agent (the default)')
    .option('--once', 'run one poll cycle, wait for its restarts, exit 0 only if every alarm was cleared')
    .option('--check-config', 'validate the configuration, print the resolved settings and exit')
    .action((opts: { once?: boolean; checkConfig?: boolean }) => {
      const file = findConfigPath(program.opts<{ config?: string }>().config, process.env);
      result = opts.checkConfig ? checkConfig(file) : runAgent({ configFile: file, once: Boolean(opts.once) });
    });

  program
    .command('status')
    .description('show processes, alarms, circuit breakers, recent restarts and running agents')
    .action(async () => {
      const file = findConfigPath(program.opts<{ config?: string }>().config, process.env);
      const { showStatus } = await import('../commands/showStatus.js');
      result = showStatus(file);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  return result;
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`monitor_service: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
