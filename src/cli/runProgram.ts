import { CommanderError, type Command } from 'commander';
import { EXIT_FAILURE, EXIT_USAGE } from '../commands/exitCodes.js';

/**
 * Parses argv with `program`, then runs the command it chose. --help and
 * --version end it with 0, a usage error with EXIT_USAGE (commander has
 * printed why); an unexpected error becomes one "program: message" line and
 * EXIT_FAILURE. Never exits the process itself.
 */
export async function programExitStatus(
  program: Command,
  argv: readonly string[],
  run: () => Promise<number> | number,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  try {
    // Commander throws instead of exiting, so every ending goes through here.
    for (const command of [program, ...program.commands]) command.exitOverride();
    try {
      await program.parseAsync(argv);
    } catch (error) {
      if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
      throw error;
    }
    return await run();
  } catch (error) {
    stderr.write(`${program.name()}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS (a pipe is written asynchronously). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * The entry of each program (src/cli/*): the only place that calls process.exit,
 * after stdout and stderr are flushed (into a pipe, `status --all` is megabytes:
 * exiting at once cut it short).
 */
export function runProgram(program: Command, run: () => Promise<number> | number): void {
  void programExitStatus(program, process.argv, run)
    .then(async (code) => {
      await Promise.all([drained(process.stdout), drained(process.stderr)]);
      return code;
    })
    .then((code) => process.exit(code));
}
