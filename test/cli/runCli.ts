// Runs one of the built command-line programs (dist/cli/*.js) to completion.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const CLI = {
  testAlarm: fileURLToPath(new URL('../../dist/cli/testAlarm.js', import.meta.url)),
  simpleTest: fileURLToPath(new URL('../../dist/cli/simpleTest.js', import.meta.url)),
  monitorService: fileURLToPath(new URL('../../dist/cli/monitorService.js', import.meta.url)),
} as const;

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for "never printed" checks. */
  all: string;
}

/** Runs `node script ...args` with stdin closed (or fed `input`) and without $MONITOR_SERVICE_CONFIG from the caller. */
export async function runCli(
  script: string,
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliResult> {
  const result = await execa(process.execPath, [script, ...args], {
    reject: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    all: true,
    timeout: options.timeoutMs ?? 30_000,
    env: { MONITOR_SERVICE_CONFIG: undefined, ...options.env },
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, all: result.all ?? '' };
}
