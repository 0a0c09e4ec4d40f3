#!/usr/bin/env node
// simple-test: the user guide's simple_test.sh. Parses argv, runs the test,
// exits with its status (the only place that calls process.exit).
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { findConfigPath } from '../config/findConfigPath.js';
import { EXIT_USAGE } from '../commands/exitCodes.js';
import { DEFAULT_PROCESS, simpleTest } from '../commands/simpleTest.js';
import { VERSION } from '../version.js';

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a number of seconds greater than 0');
  return seconds;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('simple-test')
    .description('Set a process in alarm, verify it, and (with --wait) check that a running monitor_service clears it')
    .version(VERSION)
    .argument('[process]', 'process name or id', DEFAULT_PROCESS)
    .option('-c, --config <file>', 'configuration file (default: $MONITOR_SERVICE_CONFIG, then /opt/monitor_service/config.ini)')
    .option('-w, --wait <seconds>', 'wait this long for the agent to clear the alarm: PASS (exit 0) or FAIL (exit 1)', parseSeconds)
    .exitOverride();
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    throw error;
  }
  const opts = program.opts<{ config?: string; wait?: number }>();
  return simpleTest({
    configFile: findConfigPath(opts.config, process.env),
    process: program.processedArgs[0] as string,
    waitSeconds: opts.wait,
  });
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simple-test: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
