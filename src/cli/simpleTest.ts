#!/usr/bin/env node
// simple-test: the user guide's simple_test.sh. Parses argv, runs the test,
// exits with its status (runProgram).
import { InvalidArgumentError } from 'commander';
import { DEFAULT_PROCESS, simpleTest } from '../commands/simpleTest.js';
import { configFileOf, createProgram } from './createProgram.js';
import { runProgram } from './runProgram.js';

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('expected a number of seconds greater than 0');
  return seconds;
}

const program = createProgram('simple-test', 'Set a process in alarm, verify it, and (with --wait) check that a running monitor_service clears it')
  .argument('[process]', 'process name or id', DEFAULT_PROCESS)
  .option('-w, --wait <seconds>', 'wait this long for the agent to clear the alarm: PASS (exit 0) or FAIL (exit 1)', parseSeconds);

runProgram(program, () =>
  simpleTest({
    configFile: configFileOf(program),
    process: program.processedArgs[0] as string,
    waitSeconds: program.opts<{ wait?: number }>().wait,
  }),
);
